using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace CommitteeGrid.Domain.Reports;

/// <summary>The ledger payload format of report events.</summary>
public static class InfoReportJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),

        // A store may hand the payload back with its keys in another order ("$type" not first).
        AllowOutOfOrderMetadataProperties = true,
    };

    public static string Serialize(InfoReportEvent e) => JsonSerializer.Serialize(e, Options);

    public static InfoReportEvent Deserialize(string payload) =>
        JsonSerializer.Deserialize<InfoReportEvent>(payload, Options)
        ?? throw new InvalidDataException("A report ledger entry has an empty payload.");
}
