using CommitteeGrid.Host.Hosting;
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
        Assert.Equal("off", await Show(defaults.ConnectionString, "jit"));

        // The operator's own choices stay: their pool size, their jit, and other session options beside ours.
        var chosen = new NpgsqlConnectionStringBuilder(plain) { MaxPoolSize = 7, Options = "-c jit=on" }.ConnectionString;
        var kept = new NpgsqlConnectionStringBuilder(PostgresConnection.WithDefaults(chosen));
        Assert.Equal(7, kept.MaxPoolSize);
        Assert.Equal("on", await Show(kept.ConnectionString, "jit"));

        var other = new NpgsqlConnectionStringBuilder(plain) { Options = "-c statement_timeout=12345" }.ConnectionString;
        var both = PostgresConnection.WithDefaults(other)!;
        Assert.Equal("off", await Show(both, "jit"));
        Assert.Equal("12345ms", await Show(both, "statement_timeout"));

        Assert.Null(PostgresConnection.WithDefaults(null));
        Assert.Equal("", PostgresConnection.WithDefaults(""));
    }

    private static async Task<string> Show(string connectionString, string setting)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SHOW {setting}", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
