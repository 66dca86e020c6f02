using AccountApi.DevIdentity.Configuration;

namespace AccountApi.DevIdentity.Directories;

/// <summary>Resolves the <c>{tenant}</c> path segment.</summary>
internal sealed class DirectoryResolver(DevIdentityCatalog catalog)
{
    public const string Common = "common";
    public const string Organizations = "organizations";

    /// <summary>Returns the selection, or null when the segment names no known tenant.</summary>
    public DirectorySelection? Resolve(string? segment)
    {
        if (string.Equals(segment, Common, StringComparison.OrdinalIgnoreCase)
            || string.Equals(segment, Organizations, StringComparison.OrdinalIgnoreCase))
        {
            return new DirectorySelection(segment!.ToLowerInvariant(), null);
        }

        if (!Guid.TryParse(segment, out var id))
        {
            return null;
        }

        var directory = catalog.FindDirectory(id);
        if (directory is not null)
        {
            return new DirectorySelection(id.ToString("D"), directory);
        }

        // The seed document puts the application id where Entra expects the tenant; the validator keeps directory
        // and application ids distinct, so such a path can only mean "any directory", like 'organizations'.
        return catalog.IsApplicationId(id) ? new DirectorySelection(id.ToString("D"), null) : null;
    }
}
