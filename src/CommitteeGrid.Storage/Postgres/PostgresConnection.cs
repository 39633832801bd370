using Npgsql;

namespace CommitteeGrid.Storage.Postgres;

public static class PostgresConnection
{
    /// <summary>
    /// Caps each silo's pools unless the operator chose: on a few cores, more concurrent queries only
    /// queue inside PostgreSQL, and several silos at Npgsql's default of 100 would pass its max_connections.
    /// </summary>
    public static string? WithDefaults(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return connectionString;
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase) &&
            !connectionString.Contains("MaxPoolSize", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxPoolSize = 24;
        }

        // Nothing here keeps session state, so a pooled connection need not be reset (DISCARD ALL, one more
        // round trip) each time it is returned.
        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }

        // The same few statements run thousands of times a second at a peak, and parsing, analysing and
        // planning each one again took a quarter of PostgreSQL's CPU: Npgsql prepares those it sees often
        // (on each physical connection, which is never reset: see above). An operator's own choice is kept.
        if (!connectionString.Contains("Max Auto Prepare", StringComparison.OrdinalIgnoreCase) &&
            !connectionString.Contains("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 64;
        }

        // Short queries only: PostgreSQL's JIT compiles a plan whose estimated cost passes jit_above_cost,
        // and with statistics lagging a young ledger a batched stream read was costed that high and spent
        // ~14 ms compiling for a lookup that runs in 0.1 ms. An operator's own jit setting is kept.
        if (builder.Options?.Contains("jit", StringComparison.OrdinalIgnoreCase) != true)
        {
            builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? "-c jit=off" : builder.Options + " -c jit=off";
        }

        return builder.ConnectionString;
    }
}
