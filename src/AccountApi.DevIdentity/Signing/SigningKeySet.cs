namespace AccountApi.DevIdentity.Signing;

/// <summary>The key that signs new tokens and the one it replaced, which stays published for tokens still in use.</summary>
internal sealed record SigningKeySet(SigningKey Current, SigningKey? Previous)
{
    public IEnumerable<SigningKey> Published => Previous is null ? [Current] : [Current, Previous];
}
