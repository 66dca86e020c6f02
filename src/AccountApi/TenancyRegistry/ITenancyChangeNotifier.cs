namespace AccountApi.TenancyRegistry;

/// <summary>A registry store that can tell this instance when another one changed it.</summary>
internal interface ITenancyChangeNotifier
{
    /// <summary>
    /// Calls <paramref name="changed"/> on every change committed from the moment it listens (and once when it starts
    /// listening), until cancelled or the connection fails (then it throws).
    /// </summary>
    Task ListenAsync(Action changed, CancellationToken cancellationToken);
}
