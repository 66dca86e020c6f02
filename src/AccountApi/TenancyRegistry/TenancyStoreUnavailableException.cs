namespace AccountApi.TenancyRegistry;

/// <summary>The registry's database could not be reached or did not answer: nothing was written.</summary>
internal sealed class TenancyStoreUnavailableException(string message, Exception? innerException = null)
    : Exception(message, innerException);
