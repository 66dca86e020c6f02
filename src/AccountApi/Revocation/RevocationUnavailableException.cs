namespace AccountApi.Revocation;

/// <summary>
/// A revocation could not be recorded where every instance would see it (Redis unreachable). The instance that took it
/// may enforce it, and writes it back when Redis returns, but the caller is told to retry: it is not yet in force everywhere.
/// </summary>
public sealed class RevocationUnavailableException : Exception
{
    public RevocationUnavailableException()
    {
    }

    public RevocationUnavailableException(string message)
        : base(message)
    {
    }

    public RevocationUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
