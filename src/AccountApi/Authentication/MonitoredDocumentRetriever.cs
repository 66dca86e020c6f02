using Microsoft.IdentityModel.Protocols;

namespace AccountApi.Authentication;

/// <summary>IdentityModel's HTTP retriever, telling <see cref="AuthorityHealth"/> whether each fetch succeeded.</summary>
internal sealed class MonitoredDocumentRetriever(IDocumentRetriever inner, AuthorityHealth health) : IDocumentRetriever
{
    public async Task<string> GetDocumentAsync(string address, CancellationToken cancel)
    {
        try
        {
            var document = await inner.GetDocumentAsync(address, cancel).ConfigureAwait(false);
            health.Fetched(address);
            return document;
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !cancel.IsCancellationRequested)
        {
            health.FetchFailed(address, failure);
            throw;
        }
    }
}
