namespace CommitteeGrid.Host.Hosting;

/// <summary>The host's own settings (configuration section "CommitteeGrid"; environment COMMITTEEGRID__...).</summary>
public sealed class CommitteeGridOptions
{
    /// <summary>PostgreSQL connection string; empty means the embedded default (memory, one silo).</summary>
    public string? Postgres { get; set; }

    /// <summary>The network file (JSON, see seeds/). Relative paths are tried against the working and app folders.</summary>
    public string NetworkFile { get; set; } = "seeds/demo-network.json";

    /// <summary>The folder of shipped scoring rules (seeds/scoring): the network-wide default and committees' rules.</summary>
    public string ScoringSeeds { get; set; } = "seeds/scoring";

    /// <summary>Committees' sessions and plenary dates (JSON); committees not listed have annual sessions.</summary>
    public string SessionsFile { get; set; } = "seeds/sessions.json";

    /// <summary>Handling units and answer deadlines (JSON); committees not listed get template departments.</summary>
    public string HandlingUnitsFile { get; set; } = "seeds/handling-units.json";

    /// <summary>HTTP address; loopback by default.</summary>
    public string Http { get; set; } = "http://127.0.0.1:5170";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos reach this one on (a pod IP in Kubernetes).</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    public string ClusterId { get; set; } = "committeegrid";

    public string ServiceId { get; set; } = "committeegrid";

    /// <summary>
    /// How long a stopping silo may take to hand over its grains and finish acknowledged work. An
    /// orchestrator's grace period must be longer (k8s: terminationGracePeriodSeconds).
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a silo waits for a peer's liveness probe before counting it missed (PostgreSQL mode,
    /// several silos). Orleans adapts it per peer between half and four times this value.
    /// </summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Missed probes after which a silo suspects a peer and votes it dead.</summary>
    public int MissedProbesLimit { get; set; } = 2;

    /// <summary>How long a suspicion vote counts: short, so that old hiccups under load do not add up to a death.</summary>
    public TimeSpan DeathVoteExpiration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Record a demo year of reports at start-up (embedded mode only; `dotnet run` turns it on).</summary>
    public bool DemoActivity { get; set; }

    /// <summary>
    /// The key that signs and checks bearer tokens: base64 of at least 32 random bytes
    /// (<c>openssl rand -base64 32</c>), the same on every silo. Required in PostgreSQL mode; the
    /// embedded demo makes a random one per process when it is not set.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>How long a token from login or the token command stays valid.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>The embedded demo users' password; random per process when not set.</summary>
    public string? DemoPassword { get; set; }

    /// <summary>Queues of the memory streams that carry tallies and inbox notices (per silo).</summary>
    public int StreamQueues { get; set; } = SiloSetup.DefaultStreamQueues;

    /// <summary>How often an idle stream queue is polled: the longest a message waits for each hop when traffic is light.</summary>
    public TimeSpan StreamPollInterval { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>How long a stream's delivery state stays in its queue's agent without a message (the agent scans them all on every read).</summary>
    public TimeSpan StreamInactivity { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Mount the Orleans dashboard at /dashboard/ (operators only). It profiles every grain call while someone watches it.</summary>
    public bool Dashboard { get; set; } = true;

    /// <summary>
    /// How often the dashboard samples its own counters. Orleans' gauges (some of which walk every
    /// activation) are read by the dashboard's metric reader every second whatever this says.
    /// </summary>
    public TimeSpan DashboardSampleInterval { get; set; } = TimeSpan.FromSeconds(5);

    public bool UsesPostgres => !string.IsNullOrWhiteSpace(Postgres);
}
