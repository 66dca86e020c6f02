using AccountApi.DevIdentity.Logging;

namespace AccountApi.DevIdentity.Directories;

/// <summary>The text every endpoint uses for a tenant segment it does not know.</summary>
internal static class DirectoryMessages
{
    public static string Unknown(string tenant) =>
        $"Tenant '{LogValue.Sanitize(tenant)}' is not a configured directory id, 'common' or 'organizations'; use one of those in the path.";
}
