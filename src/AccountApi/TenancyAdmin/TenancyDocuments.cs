using System.Text.Json;
using System.Text.Json.Serialization;
using AccountApi.Tenancy;

namespace AccountApi.TenancyAdmin;

/// <summary>The body of <c>PUT /admin/tenancies/{name}</c>. A field the API does not know is refused, not ignored.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record TenancyDocument(
    string? DisplayName,
    IReadOnlyList<string?>? DirectoryIds,
    bool? Suspended,
    IReadOnlyList<string?>? RequiredRoles = null,
    IReadOnlyList<string?>? RequiredAuthenticationContexts = null);

/// <summary>One line of an NDJSON import: a tenancy document with its name.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record TenancyImportLine(
    string? Name,
    string? DisplayName,
    IReadOnlyList<string?>? DirectoryIds,
    bool? Suspended,
    IReadOnlyList<string?>? RequiredRoles = null,
    IReadOnlyList<string?>? RequiredAuthenticationContexts = null)
{
    public TenancyDocument Document => new(DisplayName, DirectoryIds, Suspended, RequiredRoles, RequiredAuthenticationContexts);
}

/// <summary>A tenancy as the admin API shows it; its version is the response's <c>ETag</c>.</summary>
internal sealed record TenancyResource(
    string Name,
    string DisplayName,
    IReadOnlyList<Guid> DirectoryIds,
    bool Suspended,
    IReadOnlyList<string> RequiredRoles,
    IReadOnlyList<string> RequiredAuthenticationContexts)
{
    public static TenancyResource Of(TenancyInfo tenancy) => new(
        tenancy.Name, tenancy.DisplayName, tenancy.DirectoryIds, tenancy.Suspended, tenancy.RequiredRoles, tenancy.RequiredAuthenticationContexts);
}

/// <summary>A page of tenancies in name order; <see cref="Next"/> is the <c>after</c> of the next page, null on the last.</summary>
internal sealed record TenancyPage(IReadOnlyList<TenancyResource> Items, string? Next);

/// <summary>The outcome of an import.</summary>
internal sealed record TenancyImportResult(int Imported);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(TenancyDocument))]
[JsonSerializable(typeof(TenancyImportLine))]
[JsonSerializable(typeof(TenancyResource))]
[JsonSerializable(typeof(TenancyPage))]
[JsonSerializable(typeof(TenancyImportResult))]
internal sealed partial class TenancyAdminJsonContext : JsonSerializerContext;
