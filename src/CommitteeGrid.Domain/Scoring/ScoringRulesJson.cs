using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace CommitteeGrid.Domain.Scoring;

/// <summary>Scoring rules as JSON: camelCase, Chinese kept readable, unknown fields refused (a typo is an error, not a silent default).</summary>
public static class ScoringRulesJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static string Write(ScoringRules rules) => JsonSerializer.Serialize(ToDocument(rules), Options);

    public static ScoringRulesDocument Read(string json) =>
        JsonSerializer.Deserialize<ScoringRulesDocument>(json, Options) ?? throw new JsonException("the rules document is null");

    public static ScoringRulesDocument ReadFile(string path) => Read(File.ReadAllText(path));

    /// <summary>Rules already recorded (a ledger payload): valid when written, read back without re-checking counter names.</summary>
    public static ScoringRules ReadRecorded(string json, string? committee, int year, int version)
    {
        var validation = ScoringRulesValidator.Validate(Read(json), committee, year, version, knownCountersOnly: false);
        return validation.Rules ?? throw new InvalidOperationException($"Recorded scoring rules of {committee}/{year} v{version} are not valid: {string.Join("; ", validation.Problems)}");
    }

    public static ScoringRulesDocument ToDocument(ScoringRules rules) => new()
    {
        Committee = rules.Committee,
        Year = rules.IsDefault ? null : rules.Year,
        Version = rules.IsDefault ? null : rules.Version,
        Name = rules.Name,
        Source = rules.Source,
        MaxTotal = rules.MaxTotal,
        MemberItems = [.. rules.MemberItems.Select(Item)],
        UnitItems = [.. rules.UnitItems.Select(Item)],
        Grades = [.. rules.Grades.Select(Band)],
        UnitGrades = [.. rules.UnitGrades.Select(Band)],
    };

    private static ScoringItemDocument? Item(ScoringItem item) => new()
    {
        Id = item.Id,
        Label = item.Label,
        LabelEn = item.LabelEn,
        Counters = [.. item.Counters],
        Points = item.Points,
        Cap = item.Cap,
        Bonuses = [.. item.Bonuses.Select(b => (ScoringBonusDocument?)new ScoringBonusDocument { Counter = b.Counter, Points = b.Points })],
    };

    private static GradeBandDocument? Band(GradeBand band) => new() { Min = band.Min, Label = band.Label, LabelEn = band.LabelEn };
}
