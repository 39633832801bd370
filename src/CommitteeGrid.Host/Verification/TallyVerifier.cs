using System.Diagnostics;
using CommitteeGrid.Domain.Ledger;
using CommitteeGrid.Domain.Network;
using CommitteeGrid.Domain.Tallies;
using CommitteeGrid.Grains.Services;

namespace CommitteeGrid.Host.Verification;

/// <summary>
/// The invariant check: every rollup in a subtree equals the ledger's own aggregation for the same
/// subtree and year. The ledger side sums per member in the store, then adds each member's sums to
/// every ancestor named in its path, so it shares no code with the grains' rollups.
/// </summary>
public sealed class TallyVerifier(ILedger ledger, NetworkCatalog catalog, IGrainFactory grains)
{
    public async Task<VerifyResult> Verify(NetworkUnit root, int year, TimeSpan wait, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var attempts = 0;
        while (true)
        {
            attempts++;
            var (differences, units) = await CompareOnce(root, year, ct);
            if (differences.Count == 0 || clock.Elapsed >= wait)
            {
                return new VerifyResult(root.Code, year, units, await ledger.CountAsync(ct), attempts, clock.Elapsed.TotalMilliseconds, differences);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
        }
    }

    private async Task<(List<TallyDifference> Differences, int Units)> CompareOnce(NetworkUnit root, int year, CancellationToken ct)
    {
        var expected = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        var rootDepth = root.Path.Count(c => c == '/');
        foreach (var (path, counters) in await ledger.AggregateByMemberAsync(root.Path, year, ct))
        {
            var codes = path.Split('/');
            for (var depth = rootDepth; depth < codes.Length; depth++)
            {
                var sums = expected.TryGetValue(codes[depth], out var s) ? s : expected[codes[depth]] = new Dictionary<string, long>(StringComparer.Ordinal);
                foreach (var (counter, value) in counters)
                {
                    sums[counter] = sums.GetValueOrDefault(counter) + value;
                }
            }
        }

        var units = catalog.Network.Subtree(root).ToList();
        var differences = new List<TallyDifference>();
        var none = new Dictionary<string, long>();
        foreach (var batch in units.Chunk(500))
        {
            ct.ThrowIfCancellationRequested();
            var tallies = await Task.WhenAll(batch.Select(u => grains.UnitGrain(u.Kind, u.Code).GetTally(year)));
            foreach (var tally in tallies)
            {
                differences.AddRange(TallyComparison.Compare(tally.Code, tally.Counters, expected.GetValueOrDefault(tally.Code) ?? none));
            }
        }

        return (differences, units.Count);
    }
}
