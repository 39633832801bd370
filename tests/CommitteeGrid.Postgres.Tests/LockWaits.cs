using Npgsql;

namespace CommitteeGrid.Postgres.Tests;

/// <summary>What the deadlock tests need to stage a lock cycle on a real server.</summary>
internal static class LockWaits
{
    /// <summary>
    /// PostgreSQL looks for a deadlock deadlock_timeout after a session starts to wait and rolls back the
    /// one that finds it: sessions of this connection string look after 2 s, long after a staged cycle
    /// has closed, so the code under test is the one rolled back.
    /// </summary>
    public static string FirstToDetect(string connection) =>
        new NpgsqlConnectionStringBuilder(connection) { Options = "-c deadlock_timeout=2000" }.ConnectionString;

    /// <summary>A session that looks for a deadlock only after a minute: the other side of a staged cycle.</summary>
    public static async Task<NpgsqlConnection> OpenLastToDetect(string connection)
    {
        var session = new NpgsqlConnection(connection);
        await session.OpenAsync();
        await Exec(session, "SET deadlock_timeout = '60s'");
        return session;
    }

    /// <summary>Runs <paramref name="sql"/> with a timeout the server enforces, so a test that goes wrong fails instead of waiting on a lock.</summary>
    public static async Task Exec(NpgsqlConnection connection, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, connection) { CommandTimeout = 20 };
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Returns once a session of the database other than <paramref name="besides"/> waits for a lock.</summary>
    public static async Task WaitForOne(string connection, int besides, string what)
    {
        await using var probe = new NpgsqlConnection(connection);
        await probe.OpenAsync();
        for (var i = 0; i < 200; i++)
        {
            await using var cmd = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> $1", probe);
            cmd.Parameters.Add(new NpgsqlParameter { Value = besides });
            if ((long)(await cmd.ExecuteScalarAsync())! > 0)
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"{what} never waited for the other writer's key");
    }
}
