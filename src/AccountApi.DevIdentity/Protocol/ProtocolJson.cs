using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace AccountApi.DevIdentity.Protocol;

/// <summary>The provider's own JSON settings, independent of whatever the host configures for its API.</summary>
internal static class ProtocolJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OmitEmptyCollections } },
    };

    // IdentityModel's JsonWebKey has x5c, key_ops and oth as empty lists on an RSA public key; a JWKS leaves them out.
    private static void OmitEmptyCollections(JsonTypeInfo type)
    {
        foreach (var property in type.Properties.Where(p => p.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(p.PropertyType)))
        {
            property.ShouldSerialize = static (_, value) => value is not ICollection { Count: 0 };
        }
    }
}
