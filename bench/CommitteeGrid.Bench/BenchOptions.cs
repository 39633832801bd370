namespace CommitteeGrid.Bench;

public sealed record BenchOptions(int Members, int Seconds, int Workers, bool Embedded, string? Url, string? NetworkFile, IReadOnlyList<KeyValuePair<string, string>> Environment, int WarmupSeconds = 5)
{
    /// <summary>
    /// Ledger entries of a year loaded before the silo starts (PostgreSQL mode, own host): the peak meets a
    /// network with its history, and the rankings are timed both ways on at least this many rows. 0: none.
    /// </summary>
    public int History { get; init; } = 1_000_000;

    /// <summary>Timed runs of each way of ranking, after the load.</summary>
    public int Repeats { get; init; } = 20;

    public static BenchOptions? Parse(string[] args)
    {
        if (args.Length == 0 || args[0] != "plenary")
        {
            return null;
        }

        var o = new BenchOptions(60_000, 60, 64, false, null, null, []);
        for (var i = 1; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--members" when int.TryParse(value, out var m) && m > 0:
                    o = o with { Members = m };
                    i++;
                    break;
                case "--seconds" when int.TryParse(value, out var s) && s > 0:
                    o = o with { Seconds = s };
                    i++;
                    break;
                case "--warmup" when int.TryParse(value, out var u) && u >= 0:
                    o = o with { WarmupSeconds = u };
                    i++;
                    break;
                case "--workers" when int.TryParse(value, out var w) && w > 0:
                    o = o with { Workers = w };
                    i++;
                    break;
                case "--history" when int.TryParse(value, out var h) && h >= 0:
                    o = o with { History = h };
                    i++;
                    break;
                case "--repeats" when int.TryParse(value, out var r) && r > 0:
                    o = o with { Repeats = r };
                    i++;
                    break;
                case "--embedded":
                    o = o with { Embedded = true };
                    break;
                case "--url" when value is not null:
                    o = o with { Url = value };
                    i++;
                    break;
                case "--env" when value is not null && value.IndexOf('=', StringComparison.Ordinal) > 0:
                    // A variable for the silo's environment, e.g. --env DOTNET_gcServer=0.
                    o = o with { Environment = [.. o.Environment, new(value[..value.IndexOf('=', StringComparison.Ordinal)], value[(value.IndexOf('=', StringComparison.Ordinal) + 1)..])] };
                    i++;
                    break;
                case "--network" when value is not null:
                    o = o with { NetworkFile = value };
                    i++;
                    break;
                default:
                    return null;
            }
        }

        return o.Url is not null && o.NetworkFile is null ? null : o;
    }
}
