using System.Diagnostics;
using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Domain.Network;

namespace CommitteeGrid.Bench;

/// <summary>
/// Plenary-style traffic from closed-loop workers: members submit information reports, committee
/// offices adopt, forward and endorse them up the levels. Every command is legal, so each 2xx is one
/// durable ledger entry. Each worker owns its reports, so their steps go in order.
/// </summary>
public sealed class PlenaryLoad(Api api, CommitteeNetwork network, IReadOnlyList<NetworkUnit> members, int seed)
{
    private long _acknowledged;
    private long _failed;

    public LatencyRecorder Acks { get; } = new();

    /// <summary>The same samples by command (submit, adopt, forward, endorse): which step makes the tail.</summary>
    public IReadOnlyDictionary<string, LatencyRecorder> AcksByCommand { get; } = new Dictionary<string, LatencyRecorder>(StringComparer.Ordinal)
    {
        ["submit"] = new(),
        ["adopt"] = new(),
        ["forward"] = new(),
        ["endorse"] = new(),
    };

    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    public long Failed => Interlocked.Read(ref _failed);

    public string? FirstFailure { get; private set; }

    public async Task Run(int workers, TimeSpan duration, CancellationToken ct)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Worker(w, until, ct)));
    }

    private async Task Worker(int index, long until, CancellationToken ct)
    {
        var rng = new Random(seed * 7919 + index);
        var reports = new List<Flow>();
        var n = 0;
        while (Stopwatch.GetTimestamp() < until && !ct.IsCancellationRequested)
        {
            var key = $"b{seed}-{index}-{n++}";
            var open = reports.Count == 0 ? null : reports[rng.Next(reports.Count)];
            string path;
            object body;
            string command;
            NetworkUnit? lead = null;
            if (open is null || rng.NextDouble() < 0.4)
            {
                lead = members[rng.Next(members.Count)];
                path = "/api/reports";
                body = new { author = lead.Code, title = $"关于第{n}项民生事项的建议", body = "一事一报：情况、原因、建议。" };
                command = "submit";
                open = null;
            }
            else
            {
                (path, body, command) = open.Next(network);
            }

            var started = Stopwatch.GetTimestamp();
            try
            {
                var answer = await api.Command(path, key, body);
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                Acks.Add(ms);
                AcksByCommand[command].Add(ms);
                Interlocked.Increment(ref _acknowledged);
                if (lead is not null)
                {
                    reports.Add(new Flow(answer["reportId"]!.GetValue<string>(), network.Get(lead.CommitteeCode), rng.Next(0, 9)));
                }
                else if (open is not null)
                {
                    open.Advance(network);
                    if (open.Done)
                    {
                        reports.Remove(open);
                    }
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref _failed);
                FirstFailure ??= ex.Message;
            }
        }
    }

    /// <summary>A report's scripted way up: adopt here, forward, adopt there, endorse, forward, …</summary>
    private sealed class Flow(string id, NetworkUnit entry, int steps)
    {
        private NetworkUnit _at = entry;
        private int _step;

        public bool Done => _step >= steps || (_at.Level == CommitteeLevel.National && _step % 3 == 1);

        public (string Path, object Body, string Command) Next(CommitteeNetwork network) => (_step % 3) switch
        {
            0 => ($"/api/reports/{id}/actions", new { committee = _at.Code, action = "adopt" }, "adopt"),
            1 => ($"/api/reports/{id}/actions", new { committee = _at.Code, action = "forward" }, "forward"),
            _ => ($"/api/reports/{id}/actions", new { committee = _at.Code, action = "endorse", leaderTitle = "主席", date = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd") }, "endorse"),
        };

        public void Advance(CommitteeNetwork network)
        {
            if (_step % 3 == 1)
            {
                _at = network.ParentCommittee(_at)!;
            }

            _step++;
        }
    }
}
