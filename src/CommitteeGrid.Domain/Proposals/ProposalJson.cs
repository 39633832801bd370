using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace CommitteeGrid.Domain.Proposals;

/// <summary>The ledger payload format of proposal events (enums as words, Chinese kept readable).</summary>
public static class ProposalJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },

        // A store may hand the payload back with its keys in another order ("$type" not first).
        AllowOutOfOrderMetadataProperties = true,
    };

    public static string Serialize(ProposalEvent e) => JsonSerializer.Serialize(e, Options);

    public static ProposalEvent Deserialize(string payload) =>
        JsonSerializer.Deserialize<ProposalEvent>(payload, Options)
        ?? throw new InvalidDataException("A proposal ledger entry has an empty payload.");
}
