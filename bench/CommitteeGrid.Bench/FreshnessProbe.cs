using System.Diagnostics;
using CommitteeGrid.Domain.Network;

namespace CommitteeGrid.Bench;

/// <summary>
/// Freshness: from a command's acknowledgement to its count showing in the province's tally. The probe
/// submits in a province the load leaves alone (<see cref="ProbeScope"/>; lower down when the network
/// has one province), one report at a time, and polls that unit's tally, so the only change it can see
/// there is its own, while the cluster carries the full load.
/// </summary>
public sealed class FreshnessProbe(Api api, NetworkUnit province, IReadOnlyList<NetworkUnit> members)
{
    public LatencyRecorder Freshness { get; } = new();

    public int TimedOut { get; private set; }

    public async Task Run(CancellationToken ct)
    {
        var rng = new Random(17);
        var expected = await api.Counter(province.Code, "report.submitted");
        var n = 0;
        while (!ct.IsCancellationRequested)
        {
            var lead = members[rng.Next(members.Count)];
            try
            {
                await api.Command("/api/reports", $"probe-{Guid.NewGuid():N}", new { author = lead.Code, title = $"时效探针{n++}", body = "探针" });
            }
            catch (HttpRequestException)
            {
                continue;
            }

            var acked = Stopwatch.GetTimestamp();
            expected++;
            while (true)
            {
                if (await api.Counter(province.Code, "report.submitted") >= expected)
                {
                    Freshness.Add(Stopwatch.GetElapsedTime(acked).TotalMilliseconds);
                    break;
                }

                if (Stopwatch.GetElapsedTime(acked) > TimeSpan.FromSeconds(10))
                {
                    TimedOut++;
                    expected = await api.Counter(province.Code, "report.submitted");
                    break;
                }

                await Task.Delay(5, CancellationToken.None);
            }

            await Task.Delay(100, CancellationToken.None);
        }
    }
}
