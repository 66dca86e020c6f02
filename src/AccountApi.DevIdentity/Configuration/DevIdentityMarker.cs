namespace AccountApi.DevIdentity.Configuration;

/// <summary>Registered by AddDevIdentityProvider; MapDevIdentityProvider maps nothing without it.</summary>
internal sealed class DevIdentityMarker;
