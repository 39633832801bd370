using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Abstractions.Reports;
using CommitteeGrid.Domain.Ledger;
using CommitteeGrid.Domain.Reports;
using static CommitteeGrid.Domain.Tests.Reports.TestNetwork;

namespace CommitteeGrid.Domain.Tests.Reports;

/// <summary>
/// The ledger is the record: folding its entries (JSON payloads) must rebuild exactly the state the
/// grain built live, including credits and answered idempotency keys.
/// </summary>
public sealed class InfoReportReplayTests
{
    private static readonly string[] Members = [Lead, CoAuthor, Third, CityMember];

    /// <summary>Everything observable about a state, as one comparable string.</summary>
    private static string Fingerprint(InfoReportState state, IEnumerable<LedgerEntry> entries)
    {
        var sb = new StringBuilder();
        sb.AppendLine(JsonSerializer.Serialize(state.ToView()));
        sb.AppendLine($"exists={state.Exists} version={state.Version} status={state.Status} stream={state.Stream}");
        foreach (var level in state.Levels)
        {
            sb.AppendLine($"level {level.Committee} declined={level.Declined} awaiting={level.AwaitingRevision} from={level.FromCommittee}");
            sb.AppendLine(JsonSerializer.Serialize(state.ToInboxItem(level.Committee)));
        }

        foreach (var member in Members)
        {
            var credit = state.CreditTo(member);
            sb.Append($"credit {member}: ");
            sb.AppendLine(credit is null
                ? "none"
                : $"{credit.ChildKey} v{credit.Version} " + string.Join(", ", credit.Counts.OrderBy(c => c.Key.Year).ThenBy(c => c.Key.Counter, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}")));
        }

        sb.AppendLine($"credited={state.Credits().Count()}");
        foreach (var entry in entries)
        {
            sb.AppendLine($"key {entry.IdempotencyKey}: {state.FindKey(entry.IdempotencyKey)}");
        }

        return sb.ToString();
    }

    /// <summary>A report that goes through every kind of event, fingerprinted after each step.</summary>
    private static (ReportDriver Driver, List<string> Fingerprints) EveryKindOfEvent()
    {
        var driver = new ReportDriver(Build());
        var fingerprints = new List<string>();
        void Step(Func<ReportDriver, Decision> act)
        {
            driver.Must(act(driver));
            fingerprints.Add(Fingerprint(driver.State, driver.Entries));
        }

        Step(d => d.Submit(ReportDriver.Report(coAuthors: [CoAuthor, Third], title: "关于𠀀“引号”\\反斜杠的建议 😀", body: "第一段\n第二段\t<b>&amp;</b>")));
        Step(d => d.Act(County, ReportAction.Return, "请补充\"数据\"来源"));
        Step(d => d.Revise(new(Lead, "修改后的标题", "修改后的正文\r\n第二行")));
        Step(d => d.Act(County, ReportAction.Adopt));
        Step(d => d.Endorse(County, "区政协主席", new DateOnly(2026, 3, 2), "请研究"));
        Step(d => d.Endorse(County, "区长", new DateOnly(2026, 3, 2)));
        Step(d => d.Act(County, ReportAction.Forward));
        Step(d => d.Act(City, ReportAction.Adopt));
        Step(d => d.Act(City, ReportAction.Forward));
        Step(d =>
        {
            d.Now = new DateTimeOffset(2026, 12, 31, 17, 0, 0, TimeSpan.Zero);
            return d.Act(Province, ReportAction.Decline, "省级不予采用");
        });
        return (driver, fingerprints);
    }

    [Fact]
    public void Replaying_the_entries_rebuilds_the_live_state_at_every_step()
    {
        var (driver, fingerprints) = EveryKindOfEvent();

        for (var n = 1; n <= driver.Entries.Count; n++)
        {
            var replayed = new InfoReportState(driver.State.Id);
            var prefix = driver.Entries.Take(n).ToList();
            foreach (var entry in prefix)
            {
                replayed.Replay(entry);
            }

            Assert.Equal(fingerprints[n - 1], Fingerprint(replayed, prefix));
        }
    }

    [Fact]
    public void Replay_gives_the_same_history_credits_and_keys()
    {
        var (driver, _) = EveryKindOfEvent();
        var replayed = new InfoReportState(driver.State.Id);
        foreach (var entry in driver.Entries)
        {
            replayed.Replay(entry);
        }

        Assert.Equal(driver.State.History, replayed.History);
        Assert.Equal(driver.State.Title, replayed.Title);
        Assert.Equal(driver.State.Body, replayed.Body);
        Assert.Equal(driver.State.CoAuthors, replayed.CoAuthors);

        var live = driver.State.CreditTo(Lead)!;
        var again = replayed.CreditTo(Lead)!;
        Assert.Equal(live.ChildKey, again.ChildKey);
        Assert.Equal(live.Version, again.Version);
        Assert.Equal(live.Counts.OrderBy(c => c.Key.ToString()), again.Counts.OrderBy(c => c.Key.ToString()));

        foreach (var entry in driver.Entries)
        {
            var found = replayed.FindKey(entry.IdempotencyKey);
            Assert.NotNull(found);
            Assert.Equal(entry.RequestHash, found.Value.Hash);
            Assert.Equal(entry.Version, found.Value.Receipt.Version);
            Assert.Equal(entry.Kind, found.Value.Receipt.Event);
            Assert.Equal(entry.OccurredAt, found.Value.Receipt.OccurredAt);
            Assert.Equal(driver.State.FindKey(entry.IdempotencyKey), found);
        }

        Assert.Null(replayed.FindKey("office:never-used"));
    }

    [Fact]
    public void Replay_then_live_commands_continue_from_the_replayed_state()
    {
        var (driver, _) = EveryKindOfEvent();
        var resumed = new ReportDriver(driver.Network, driver.State.Id) { Now = driver.Now };
        foreach (var entry in driver.Entries)
        {
            resumed.State.Replay(entry);
        }

        // The rules see the replayed state exactly as the live one: same refusals, same next step.
        Refusal.Assert(resumed.Act(Province, ReportAction.Adopt), RejectionKind.Conflict, "declined");
        Refusal.Assert(resumed.Act(County, ReportAction.Adopt), RejectionKind.Conflict, "already been adopted");
        Refusal.Assert(resumed.Endorse(County, "区长", new DateOnly(2026, 3, 2)), RejectionKind.Conflict, "already recorded");
        var third = resumed.Must(resumed.Endorse(County, "区委书记", new DateOnly(2026, 3, 2)));
        Assert.Empty(third.Deltas);
        Assert.Equal(driver.State.Version + 1, resumed.State.Version);
    }

    [Fact]
    public void Every_event_survives_the_payload_round_trip()
    {
        var (driver, _) = EveryKindOfEvent();

        foreach (var entry in driver.Entries)
        {
            var e = InfoReportJson.Deserialize(entry.Payload);
            Assert.Equal(entry.Kind, e.Kind);
            Assert.Equal(entry.Payload, InfoReportJson.Serialize(e));
        }
    }

    [Fact]
    public void Payloads_keep_Chinese_text_readable()
    {
        var (driver, _) = EveryKindOfEvent();

        // Stored as characters, not \uXXXX escapes, so the ledger can be read and searched in SQL.
        Assert.Contains("区政协主席", driver.Entries[4].Payload, StringComparison.Ordinal);
    }

    /// <summary>
    /// Rewrites a payload with its keys in the order a PostgreSQL jsonb column returns them: shorter
    /// keys first, then bytewise.
    /// </summary>
    private static string AsJsonb(string payload)
    {
        static JsonNode? Sort(JsonNode? node) => node switch
        {
            JsonObject o => new JsonObject(o
                .OrderBy(p => Encoding.UTF8.GetByteCount(p.Key))
                .ThenBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => KeyValuePair.Create(p.Key, Sort(p.Value?.DeepClone())))),
            JsonArray a => new JsonArray([.. a.Select(x => Sort(x?.DeepClone()))]),
            _ => node?.DeepClone(),
        };

        return Sort(JsonNode.Parse(payload))!.ToJsonString();
    }

    [Fact]
    public void The_jsonb_rewrite_changes_only_the_key_order()
    {
        var (driver, _) = EveryKindOfEvent();

        foreach (var entry in driver.Entries)
        {
            var rewritten = AsJsonb(entry.Payload);
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(entry.Payload), JsonNode.Parse(rewritten)), rewritten);
        }

        // The case that matters: "$type" is no longer the first property of a submitted event.
        Assert.StartsWith("{\"body\":", AsJsonb(driver.Entries[0].Payload), StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_reads_payloads_whose_keys_come_back_reordered_as_from_jsonb()
    {
        // The PostgreSQL ledger stores payloads as jsonb and reads them back as payload::text, which
        // does not keep key order: "$type" is no longer first for submitted, forwarded, returned, ...
        var (driver, fingerprints) = EveryKindOfEvent();
        var replayed = new InfoReportState(driver.State.Id);

        foreach (var entry in driver.Entries)
        {
            replayed.Replay(entry with { Payload = AsJsonb(entry.Payload) });
        }

        Assert.Equal(fingerprints[^1], Fingerprint(replayed, driver.Entries));
    }
}
