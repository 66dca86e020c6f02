using System.Text.Json;
using System.Text.Json.Serialization;

namespace AccountApi.DevIdentity.Protocol;

/// <summary>The provider's own JSON settings, independent of whatever the host configures for its API.</summary>
internal static class ProtocolJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
