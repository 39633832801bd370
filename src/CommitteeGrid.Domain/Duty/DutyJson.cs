using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace CommitteeGrid.Domain.Duty;

/// <summary>The ledger payload format of duty record events.</summary>
public static class DutyJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        AllowOutOfOrderMetadataProperties = true,
    };

    public static string Serialize(DutyEvent e) => JsonSerializer.Serialize(e, Options);

    public static DutyEvent Deserialize(string payload) =>
        JsonSerializer.Deserialize<DutyEvent>(payload, Options)
        ?? throw new InvalidDataException("A duty record ledger entry has an empty payload.");
}
