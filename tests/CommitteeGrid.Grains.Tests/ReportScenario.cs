using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Abstractions.Grains;
using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Abstractions.Reports;
using CommitteeGrid.Abstractions.Tallies;
using CommitteeGrid.Domain.Network;
using CommitteeGrid.Domain.Tallies;

namespace CommitteeGrid.Grains.Tests;

/// <summary>
/// A seeded random run of submissions and actions (legal and illegal, all levels) against the report
/// grains, keeping its own count of what must be counted from the receipts it gets. A call that
/// throws (a silo going away) is retried with the same idempotency key, as a client would.
/// </summary>
public sealed class ReportScenario(IGrainFactory grains, CommitteeNetwork network, int seed)
{
    private readonly List<NetworkUnit> _members = [.. network.Units.Where(u => u.Kind == UnitKind.Member).OrderBy(u => u.Code, StringComparer.Ordinal)];
    private readonly Dictionary<(string Member, TallyKey Key), long> _expected = [];
    private readonly HashSet<(string Stream, long Version)> _seen = [];
    private readonly Lock _lock = new();
    private int _next;

    public int Accepted { get; private set; }

    public int Refused { get; private set; }

    public int Retries { get; private set; }

    /// <summary>Runs <paramref name="steps"/> commands split over <paramref name="workers"/>; each worker owns its reports, so their order is known.</summary>
    public async Task Run(int steps, int workers)
    {
        var tasks = Enumerable.Range(0, workers).Select(w => Worker(steps / workers, seed * 1000 + w + Interlocked.Increment(ref _next) * 7919));
        await Task.WhenAll(tasks);
    }

    /// <summary>What this run expects a unit's counters to be for a year, summed over the members below it.</summary>
    public IReadOnlyDictionary<string, long> ExpectedFor(NetworkUnit unit, int year)
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        lock (_lock)
        {
            foreach (var ((member, key), value) in _expected)
            {
                if (key.Year == year && CommitteeNetwork.IsWithin(network.Get(member), unit) && value != 0)
                {
                    result[key.Counter] = result.GetValueOrDefault(key.Counter) + value;
                }
            }
        }

        return result;
    }

    public IReadOnlyCollection<int> Years
    {
        get
        {
            lock (_lock)
            {
                return [.. _expected.Keys.Select(k => k.Key.Year).Distinct()];
            }
        }
    }

    private async Task Worker(int steps, int workerSeed)
    {
        var rng = new Random(workerSeed);
        var reports = new List<Tracked>();
        for (var step = 0; step < steps; step++)
        {
            if (reports.Count == 0 || rng.NextDouble() < 0.3)
            {
                var lead = _members[rng.Next(_members.Count)];
                var tracked = new Tracked($"R{workerSeed:x8}{reports.Count:x12}", lead);
                var ok = await Send(tracked, rng, (g, meta) => g.Submit(meta, new SubmitInfoReport(lead.Code, [], $"关于第{step}项民生问题的建议", "建议内容：" + step)), committee: null);
                if (ok)
                {
                    tracked.Levels.Add(network.Get(lead.CommitteeCode));
                    reports.Add(tracked);
                }

                continue;
            }

            var report = reports[rng.Next(reports.Count)];
            if (report.Returned is { } returnedAt && rng.NextDouble() < 0.7)
            {
                if (await Send(report, rng, (g, meta) => g.Revise(meta, new ReviseInfoReport(report.Lead.Code, "修改后的标题", "修改后的内容")), returnedAt))
                {
                    report.Returned = null;
                }

                continue;
            }

            // Mostly the top level, sometimes a lower one, now and then a committee it never reached.
            var committee = rng.NextDouble() < 0.05
                ? network.Units.Where(u => u.IsCommittee).ElementAt(rng.Next(7))
                : rng.NextDouble() < 0.8 ? report.Levels[^1] : report.Levels[rng.Next(report.Levels.Count)];
            var action = (ReportAction)rng.Next(1, 6);
            var command = new ActOnInfoReport(committee.Code, action,
                action is ReportAction.Return or ReportAction.Decline ? "请补充具体数据" : null,
                action == ReportAction.Endorse ? (rng.NextDouble() < 0.5 ? "市长" : "书记") : null,
                action == ReportAction.Endorse ? CivilTime.DateOf(DateTimeOffset.UtcNow) : null,
                null);
            if (await Send(report, rng, (g, meta) => g.Act(meta, command), committee))
            {
                switch (action)
                {
                    case ReportAction.Forward:
                        report.Levels.Add(network.ParentCommittee(committee)!);
                        break;
                    case ReportAction.Return:
                        report.Returned = committee;
                        break;
                }
            }
        }
    }

    /// <summary>Sends one command (retrying on failure with the same key); true when accepted.</summary>
    private async Task<bool> Send(Tracked report, Random rng, Func<IInfoReportGrain, CommandMeta, Task<CommandResult>> call, NetworkUnit? committee)
    {
        var meta = new CommandMeta($"k{rng.NextInt64():x}", new Actor("scenario", "staff", null, null));
        var grain = grains.GetGrain<IInfoReportGrain>(report.Id);
        CommandResult? result = null;
        for (var attempt = 0; result is null; attempt++)
        {
            try
            {
                result = await call(grain, meta);
                if (result.Rejection?.Kind == RejectionKind.Unavailable && attempt < 20)
                {
                    result = null;
                }
            }
            catch (Exception) when (attempt < 20)
            {
                // The silo holding the grain went away mid-call; the same key makes the retry safe.
            }

            if (result is null)
            {
                lock (_lock)
                {
                    Retries++;
                }

                await Task.Delay(100 * (attempt + 1));
            }
        }

        lock (_lock)
        {
            if (result.Receipt is not { } receipt)
            {
                Refused++;
                return false;
            }

            Accepted++;
            if (!_seen.Add((receipt.Stream, receipt.Version)))
            {
                return true;
            }

            var year = CivilTime.YearOf(receipt.OccurredAt);
            var counter = receipt.Event switch
            {
                "report.submitted" => Counters.ReportSubmitted,
                "report.adopted" => Counters.ReportAdopted(committee!.Level),
                "report.forwarded" => Counters.ReportForwarded(network.ParentCommittee(committee!)!.Level),
                "report.declined" => Counters.ReportDeclined(committee!.Level),
                "report.returned" => Counters.ReportReturned(committee!.Level),
                "report.endorsed" when report.Endorsed.Add(committee!.Code) => Counters.ReportEndorsed(committee.Level),
                _ => null,
            };
            if (counter is not null)
            {
                var key = (report.Lead.Code, new TallyKey(year, counter));
                _expected[key] = _expected.GetValueOrDefault(key) + 1;
            }

            return true;
        }
    }

    private sealed class Tracked(string id, NetworkUnit lead)
    {
        public string Id { get; } = id;

        public NetworkUnit Lead { get; } = lead;

        public List<NetworkUnit> Levels { get; } = [];

        public HashSet<string> Endorsed { get; } = [];

        public NetworkUnit? Returned { get; set; }
    }
}
