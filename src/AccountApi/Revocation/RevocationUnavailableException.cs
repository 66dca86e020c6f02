namespace AccountApi.Revocation;

/// <summary>A revocation could not be recorded where every instance would see it; nothing was revoked, so retry.</summary>
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
