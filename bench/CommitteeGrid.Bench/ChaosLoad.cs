using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Domain.Network;

namespace CommitteeGrid.Bench;

/// <summary>
/// Closed-loop plenary traffic (submit, adopt, forward, endorse) spread over the live silos, from
/// clients that behave as the API asks: a request without a definite answer (connection refused or
/// reset, 5xx, timeout) is sent again with the same Idempotency-Key to another live silo, with backoff,
/// until it gets one. Every acknowledged key is kept so the run can look for it in the ledger.
/// </summary>
public sealed class ChaosLoad(HttpClient http, ChaosRouter router, CommitteeNetwork network, IReadOnlyList<NetworkUnit> members, string runId)
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(15);

    // Longer than any outage the scenario causes (a dead silo is voted out in well under a minute).
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(3);

    private readonly long _started = Stopwatch.GetTimestamp();
    private long _acknowledged;
    private long _replayed;
    private long _refused;
    private long _unresolved;
    private long _retries;
    private long _unavailable;
    private long _otherServerErrors;
    private long _connectionErrors;
    private long _timeouts;
    private string? _firstRefusal;

    /// <summary>Every acknowledged command: its Idempotency-Key and when (seconds on <see cref="Now"/>'s clock).</summary>
    public ConcurrentQueue<(string Key, double At)> Acks { get; } = new();

    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    public long Replayed => Interlocked.Read(ref _replayed);

    public long Refused => Interlocked.Read(ref _refused);

    public long Unresolved => Interlocked.Read(ref _unresolved);

    public long Retries => Interlocked.Read(ref _retries);

    public long Unavailable => Interlocked.Read(ref _unavailable);

    public long OtherServerErrors => Interlocked.Read(ref _otherServerErrors);

    public long ConnectionErrors => Interlocked.Read(ref _connectionErrors);

    public long Timeouts => Interlocked.Read(ref _timeouts);

    public string? FirstRefusal => Volatile.Read(ref _firstRefusal);

    /// <summary>Seconds since this load was created (the scenario's clock).</summary>
    public double Now => Stopwatch.GetElapsedTime(_started).TotalSeconds;

    /// <summary>Acknowledgements in [from, to), in seconds on <see cref="Now"/>'s clock.</summary>
    public long AcknowledgedBetween(double from, double to) => Acks.Count(a => a.At >= from && a.At < to);

    /// <summary>Whole seconds after <paramref name="from"/> and before <paramref name="to"/> in which nothing was acknowledged.</summary>
    public int SecondsWithoutAcks(double from, double to)
    {
        var busy = Acks.Where(a => a.At >= from && a.At < to).Select(a => (int)(a.At - from)).ToHashSet();
        return Enumerable.Range(0, (int)(to - from)).Count(second => !busy.Contains(second));
    }

    /// <summary>
    /// Runs until <paramref name="stop"/>: then no new command starts, but each one in flight is driven to
    /// a definite answer. <paramref name="abort"/> ends everything at once (a cancelled run).
    /// </summary>
    public Task Run(int workers, CancellationToken stop, CancellationToken abort) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(() => Worker(w, stop, abort), CancellationToken.None)));

    private async Task Worker(int index, CancellationToken stop, CancellationToken abort)
    {
        var rng = new Random(HashCode.Combine(runId, index));
        var reports = new List<Flow>();
        var n = 0;
        while (!stop.IsCancellationRequested && !abort.IsCancellationRequested)
        {
            var key = $"chaos-{runId}-{index}-{n++}";
            var open = reports.Count == 0 || rng.NextDouble() < 0.4 ? null : reports[rng.Next(reports.Count)];
            NetworkUnit? lead = null;
            string path;
            object body;
            if (open is null)
            {
                lead = members[rng.Next(members.Count)];
                path = "/api/reports";
                body = new { author = lead.Code, title = $"关于第{n}项民生事项的建议", body = "一事一报：情况、原因、建议。" };
            }
            else
            {
                // Built once: every retry must send the same request, or the key would count as reused.
                (path, body) = open.Next();
            }

            var answer = await Send(path, key, body, abort);
            if (answer is null)
            {
                if (open is not null)
                {
                    reports.Remove(open);
                }

                continue;
            }

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
    }

    /// <summary>The 2xx answer, or null for a refusal or a command given up on.</summary>
    private async Task<JsonNode?> Send(string path, string key, object body, CancellationToken abort)
    {
        var first = Stopwatch.GetTimestamp();
        string? failedOn = null;
        for (var attempt = 0; ; attempt++)
        {
            if (attempt > 0)
            {
                Interlocked.Increment(ref _retries);
                if (Stopwatch.GetElapsedTime(first) > GiveUpAfter)
                {
                    Interlocked.Increment(ref _unresolved);
                    return null;
                }

                // Exponential backoff with jitter, capped: a silo coming back or a vote finishing takes seconds.
                var ms = Math.Min(2000, 50 * (1 << Math.Min(attempt, 6))) * (0.5 + Random.Shared.NextDouble());
                await Task.Delay(TimeSpan.FromMilliseconds(ms), abort);
            }

            var url = router.Pick(failedOn);
            if (url is null)
            {
                failedOn = null;
                continue;
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, url + path) { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(abort);
            timeout.CancelAfter(AttemptTimeout);
            router.Started(url);
            try
            {
                using var response = await http.SendAsync(request, timeout.Token);
                var text = await response.Content.ReadAsStringAsync(timeout.Token);
                var status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    Acknowledge(key, response.Headers.TryGetValues("Idempotent-Replayed", out var replayed) && replayed.Contains("true"));
                    return JsonNode.Parse(text);
                }

                if (status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
                {
                    Interlocked.Increment(ref status == 503 ? ref _unavailable : ref _otherServerErrors);
                    failedOn = url;
                    continue;
                }

                Interlocked.Increment(ref _refused);
                Interlocked.CompareExchange(ref _firstRefusal, $"{path} key {key} after {attempt} retries: {status} {text}", null);
                return null;
            }
            catch (OperationCanceledException) when (!abort.IsCancellationRequested)
            {
                Interlocked.Increment(ref _timeouts);
                failedOn = url;
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                Interlocked.Increment(ref _connectionErrors);
                failedOn = url;
            }
            finally
            {
                router.Finished(url);
            }
        }
    }

    private void Acknowledge(string key, bool replayed)
    {
        Acks.Enqueue((key, Now));
        Interlocked.Increment(ref _acknowledged);
        if (replayed)
        {
            Interlocked.Increment(ref _replayed);
        }
    }

    /// <summary>A report's scripted way up (as PlenaryLoad's): adopt here, forward, endorse there, …</summary>
    private sealed class Flow(string id, NetworkUnit entry, int steps)
    {
        private NetworkUnit _at = entry;
        private int _step;

        public bool Done => _step >= steps || (_at.Level == CommitteeLevel.National && _step % 3 == 1);

        public (string Path, object Body) Next() => (_step % 3) switch
        {
            0 => ($"/api/reports/{id}/actions", new { committee = _at.Code, action = "adopt" }),
            1 => ($"/api/reports/{id}/actions", new { committee = _at.Code, action = "forward" }),
            _ => ($"/api/reports/{id}/actions", new { committee = _at.Code, action = "endorse", leaderTitle = "主席", date = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd") }),
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
