namespace AccountApi.Authentication;

/// <summary>The authority's metadata (discovery document and keys) could not be had in time: nothing could be checked.</summary>
internal sealed class AuthorityUnavailableException(string message, Exception? innerException = null)
    : InvalidOperationException(message, innerException);
