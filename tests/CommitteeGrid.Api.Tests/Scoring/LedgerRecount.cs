using System.Text.Json.Nodes;
using CommitteeGrid.Api.Tests.Infrastructure;

namespace CommitteeGrid.Api.Tests.Scoring;

/// <summary>
/// The test's own count of what reports credited, from each report's history as the API serves it
/// (one history entry per ledger entry): what happened, at which level, when. It shares no code with
/// the host: the counting rules are written out here again, and the tree is read from the seed file.
/// </summary>
public sealed class LedgerRecount(TreeModel tree)
{
    private static readonly string[] Levels = ["county", "city", "province", "national"];
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private readonly List<(string Lead, DateTimeOffset At, string Counter)> _credits = [];

    public static async Task<LedgerRecount> Of(ApiClient api, TreeModel tree, IEnumerable<string> reportIds)
    {
        var recount = new LedgerRecount(tree);
        foreach (var id in reportIds)
        {
            var view = (await api.Get($"api/reports/{id}")).Json!;
            var lead = view["lead"]!.GetValue<string>();
            var endorsedAt = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in view["history"]!.AsArray())
            {
                var kind = entry!["event"]!.GetValue<string>();
                var at = entry["at"]!.GetValue<DateTimeOffset>();
                var level = entry["level"]?.GetValue<string>();
                string? counter = kind switch
                {
                    "report.submitted" => "report.submitted",
                    "report.adopted" => $"report.adopted.{level}",
                    // Forwarded counts at the level it goes to, one above the committee that forwards.
                    "report.forwarded" => $"report.forwarded.{Levels[Array.IndexOf(Levels, level) + 1]}",
                    // Endorsed counts once per report and level, however many leaders endorse.
                    "report.endorsed" when endorsedAt.Add(level!) => $"report.endorsed.{level}",
                    "report.declined" => $"report.declined.{level}",
                    "report.returned" => $"report.returned.{level}",
                    _ => null,
                };
                if (counter is not null)
                {
                    recount._credits.Add((lead, at, counter));
                }
            }
        }

        return recount;
    }

    /// <summary>What a unit (or member) had counted in <paramref name="year"/> before the instant.</summary>
    public Dictionary<string, long> Of(string unit, int year, DateTimeOffset before) =>
        Count(unit, c => c.At.ToOffset(China).Year == year && c.At < before);

    /// <summary>What a unit had counted in one month of a year (China time).</summary>
    public Dictionary<string, long> InMonth(string unit, int year, int month) =>
        Count(unit, c => c.At.ToOffset(China).Year == year && c.At.ToOffset(China).Month == month);

    public static DateTimeOffset EndOf(DateOnly day) => new(day.AddDays(1).ToDateTime(TimeOnly.MinValue), China);

    private Dictionary<string, long> Count(string unit, Func<(string Lead, DateTimeOffset At, string Counter), bool> include)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var credit in _credits.Where(include).Where(c => tree.SelfAndAncestors(c.Lead).Contains(unit)))
        {
            counts[credit.Counter] = counts.GetValueOrDefault(credit.Counter) + 1;
        }

        return counts;
    }
}

public static class Json
{
    /// <summary>A JSON object of counters as a dictionary, zeros left out (a zero and an absent counter mean the same).</summary>
    public static Dictionary<string, long> Counters(JsonNode? node) =>
        node!.AsObject().Where(kv => kv.Value!.GetValue<long>() != 0).ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<long>(), StringComparer.Ordinal);

    /// <summary>Only the counters named, zero where absent.</summary>
    public static Dictionary<string, long> Only(IReadOnlyDictionary<string, long> counts, IEnumerable<string> names) =>
        names.Where(n => counts.GetValueOrDefault(n) != 0).ToDictionary(n => n, n => counts[n], StringComparer.Ordinal);
}
