namespace AccountApi.Tenancy;

/// <summary>What <c>X-Tenant-ID</c> named, as far as reading it goes; whether the caller may use it is authorization's call.</summary>
public enum TenancyResolution
{
    /// <summary>Not looked at: the endpoint is public or needs no tenancy, or the caller is not authenticated.</summary>
    NotEvaluated,

    /// <summary>The header names a configured tenancy (which may still be suspended or not admit the caller).</summary>
    Found,

    /// <summary>No header, or an empty one.</summary>
    Missing,

    /// <summary>Several values, or a value that is not a tenancy name.</summary>
    Invalid,

    /// <summary>A well-formed name that no configured tenancy has.</summary>
    Unknown,
}
