using System.Globalization;

namespace AccountApi.TenancyRegistry;

/// <summary>
/// The registry's schema: versioned scripts in <c>TenancyRegistry/Schema/{database}/NNNN_name.sql</c>, embedded in
/// the service and applied in order at start, each once (<c>schema_migrations</c> records which).
/// </summary>
internal static class RegistrySchema
{
    private const string ResourcePrefix = "TenancyRegistry/Schema/";

    public static IEnumerable<(long Version, string Script)> Scripts(string database)
    {
        var assembly = typeof(RegistrySchema).Assembly;
        var prefix = ResourcePrefix + database + "/";
        foreach (var resource in assembly.GetManifestResourceNames().Where(name => name.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var file = resource[prefix.Length..];
            var version = long.Parse(file.AsSpan(0, file.IndexOf('_', StringComparison.Ordinal)), NumberStyles.None, CultureInfo.InvariantCulture);
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            yield return (version, reader.ReadToEnd());
        }
    }
}
