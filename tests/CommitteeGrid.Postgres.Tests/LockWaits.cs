using Npgsql;

namespace CommitteeGrid.Postgres.Tests;

/// <summary>What the deadlock tests need to stage a lock cycle on a real server.</summary>
internal static class LockWaits
{
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
