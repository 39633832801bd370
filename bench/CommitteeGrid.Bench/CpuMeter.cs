using System.Globalization;

namespace CommitteeGrid.Bench;

/// <summary>
/// CPU time spent by the processes a run involves (from /proc): the silo, PostgreSQL (its postmaster and
/// every backend) and this load generator. Divided by the commands acknowledged it gives a cost per
/// command that other work on the machine hardly changes, and from it what dedicated cores would carry.
/// </summary>
public sealed class CpuMeter(int siloPid, int? postmasterPid)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public CpuSample Sample() => new(
        ProcessSeconds(siloPid),
        postmasterPid is { } pg ? ProcessSeconds(pg) + ChildrenOf(pg).Sum(ProcessSeconds) : 0,
        System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime);

    /// <summary>The postmaster's pid, from the first line of its data folder's postmaster.pid.</summary>
    public static int? PostmasterOf(string? dataFolder)
    {
        var file = dataFolder is null ? null : Path.Combine(dataFolder, "data", "postmaster.pid");
        return file is not null && File.Exists(file) && int.TryParse(File.ReadLines(file).First(), CultureInfo.InvariantCulture, out var pid) ? pid : null;
    }

    /// <summary>
    /// The postmaster of a server on this machine that the bench did not start: the parent of the backend
    /// serving a connection (null if that backend is not visible here).
    /// </summary>
    public static async Task<int?> PostmasterOfServer(string connectionString)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT pg_backend_pid()", connection);
        var backend = (int)(await command.ExecuteScalarAsync())!;
        return Stat(backend) is { } fields ? int.Parse(fields[1], CultureInfo.InvariantCulture) : null;
    }

    private static double ProcessSeconds(int pid)
    {
        var fields = Stat(pid);
        // utime, stime, and the children's times the process has waited for (fields 14-17).
        return fields is null ? 0 : (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)
            + long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    private static IEnumerable<int> ChildrenOf(int parent)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var pid) && Stat(pid) is { } fields
                && int.Parse(fields[1], CultureInfo.InvariantCulture) == parent)
            {
                yield return pid;
            }
        }
    }

    /// <summary>The fields after the command name (which may hold spaces): [0] is the state, [1] the parent pid.</summary>
    private static string[]? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }
}

/// <summary>Cumulative CPU seconds at one moment.</summary>
public sealed record CpuSample(double Silo, double Postgres, TimeSpan LoadGeneratorTime)
{
    public double LoadGenerator => LoadGeneratorTime.TotalSeconds;

    public static CpuSample operator -(CpuSample a, CpuSample b) =>
        new(a.Silo - b.Silo, a.Postgres - b.Postgres, a.LoadGeneratorTime - b.LoadGeneratorTime);
}
