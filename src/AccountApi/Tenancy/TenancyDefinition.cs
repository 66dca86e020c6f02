namespace AccountApi.Tenancy;

/// <summary>One tenancy as configured, e.g. <c>Tenancies__contoso__DirectoryIds__0=&lt;guid&gt;</c>.</summary>
public sealed class TenancyDefinition
{
    /// <summary>Shown to callers; defaults to the tenancy's name.</summary>
    public string? DisplayName { get; set; }

    /// <summary>The Entra directory (tenant) ids whose users may act in this tenancy.</summary>
    public List<string> DirectoryIds { get; set; } = [];

    /// <summary>A suspended tenancy refuses everyone, exactly as an unknown one does.</summary>
    public bool Suspended { get; set; }
}
