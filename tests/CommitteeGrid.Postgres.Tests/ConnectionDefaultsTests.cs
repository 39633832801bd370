using CommitteeGrid.Storage.Postgres;
using Npgsql;

namespace CommitteeGrid.Postgres.Tests;

/// <summary>What the host adds to an operator's connection string, seen from PostgreSQL's side of a session.</summary>
[Collection("postgres")]
public sealed class ConnectionDefaultsTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Sessions_run_without_the_jit_and_with_a_capped_pool_unless_the_operator_chose()
    {
        var plain = await postgres.CreateDatabaseAsync("conn");

        var defaults = new NpgsqlConnectionStringBuilder(PostgresConnection.WithDefaults(plain));
        Assert.Equal(24, defaults.MaxPoolSize);
        Assert.True(defaults.NoResetOnClose);
        Assert.Equal(64, defaults.MaxAutoPrepare);
        Assert.Equal("off", await Show(defaults.ConnectionString, "jit"));
        Assert.True(await PreparedAfterRepeats(defaults.ConnectionString) > 0, "a statement run again and again was not prepared");

        // The operator's own choices stay: their pool size, their jit, and other session options beside ours.
        var chosen = new NpgsqlConnectionStringBuilder(plain) { MaxPoolSize = 7, Options = "-c jit=on", MaxAutoPrepare = 0 }.ConnectionString;
        var kept = new NpgsqlConnectionStringBuilder(PostgresConnection.WithDefaults(chosen));
        Assert.Equal(7, kept.MaxPoolSize);
        Assert.Equal(0, kept.MaxAutoPrepare);
        Assert.Equal(0, await PreparedAfterRepeats(kept.ConnectionString));
        Assert.Equal("on", await Show(kept.ConnectionString, "jit"));

        var other = new NpgsqlConnectionStringBuilder(plain) { Options = "-c statement_timeout=12345" }.ConnectionString;
        var both = PostgresConnection.WithDefaults(other)!;
        Assert.Equal("off", await Show(both, "jit"));
        Assert.Equal("12345ms", await Show(both, "statement_timeout"));

        Assert.Null(PostgresConnection.WithDefaults(null));
        Assert.Equal("", PostgresConnection.WithDefaults(""));
    }

    /// <summary>Runs one statement ten times on a session and counts the statements PostgreSQL holds prepared for it.</summary>
    private static async Task<long> PreparedAfterRepeats(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        for (var i = 0; i < 10; i++)
        {
            await using var repeated = new NpgsqlCommand("SELECT $1::int + 1", connection) { Parameters = { new NpgsqlParameter { Value = i } } };
            await repeated.ExecuteScalarAsync();
        }

        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%$1::int + 1%'", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static async Task<string> Show(string connectionString, string setting)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SHOW {setting}", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
