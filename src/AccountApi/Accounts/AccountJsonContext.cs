using System.Text.Json;
using System.Text.Json.Serialization;

namespace AccountApi.Accounts;

/// <summary>The account's JSON, written by code generated at build time rather than by reflection on each start.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AccountResponse))]
internal sealed partial class AccountJsonContext : JsonSerializerContext;
