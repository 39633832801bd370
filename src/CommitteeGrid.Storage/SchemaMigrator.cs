using System.Reflection;
using System.Text.RegularExpressions;
using Npgsql;

namespace CommitteeGrid.Storage;

/// <summary>
/// Creates and upgrades the PostgreSQL schema from the SQL files embedded as <c>Migrations/NNNN_name.sql</c>.
/// Each file runs once, in its own transaction, in name order; <c>cg_schema_version</c> records what ran.
/// </summary>
public sealed class SchemaMigrator
{
    // Any fixed 64-bit number works; advisory locks are per database, so this only serialises
    // migrators pointed at the same database (e.g. several silos starting together).
    private const long MigrationLockKey = 0x4347_5343_4845_4D41; // "CGSCHEMA"

    private SchemaMigrator()
    {
    }

    /// <summary>Applies every embedded migration not yet recorded; returns the names applied, in order.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(string connectionString, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var migrations = LoadMigrations();

        // Unpooled, so that closing the connection ends the session and with it the advisory lock,
        // whatever happened before.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct);

        // Session-level lock: held across the per-migration transactions, and released by the server
        // if this process dies mid-way.
        await ExecuteAsync(connection, null, "SELECT pg_advisory_lock(@key)", ct, ("key", MigrationLockKey));
        try
        {
            await ExecuteAsync(connection, null, """
                CREATE TABLE IF NOT EXISTS cg_schema_version (
                    version int PRIMARY KEY,
                    name text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """, ct);

            var recorded = await ReadRecordedAsync(connection, ct);
            var applied = new List<string>();
            foreach (var migration in migrations)
            {
                if (recorded.TryGetValue(migration.Version, out var recordedName))
                {
                    // A renamed or renumbered file means the history no longer matches this database.
                    if (!string.Equals(recordedName, migration.Name, StringComparison.Ordinal))
                    {
                        throw new InvalidOperationException(
                            $"Schema version {migration.Version} was applied as '{recordedName}', but this build calls it '{migration.Name}'.");
                    }

                    continue;
                }

                await using var transaction = await connection.BeginTransactionAsync(ct);
                await ExecuteAsync(connection, transaction, migration.Sql, ct);
                await ExecuteAsync(connection, transaction,
                    "INSERT INTO cg_schema_version (version, name, applied_at) VALUES (@version, @name, now())",
                    ct, ("version", migration.Version), ("name", migration.Name));
                await transaction.CommitAsync(ct);
                applied.Add(migration.Name);
            }

            return applied;
        }
        finally
        {
            // Releasing early lets a waiting silo go on; closing the session would release it anyway.
            if (connection.State == System.Data.ConnectionState.Open)
            {
                try
                {
                    await ExecuteAsync(connection, null, "SELECT pg_advisory_unlock(@key)", CancellationToken.None, ("key", MigrationLockKey));
                }
                catch (NpgsqlException)
                {
                    // The session is broken; disposing it below releases the lock server-side.
                }
            }
        }
    }

    /// <summary>Creates the database named in the connection string unless it exists, via the <c>postgres</c> database.</summary>
    public static async Task EnsureDatabaseAsync(string connectionString, CancellationToken ct)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var database = target.Database;
        if (string.IsNullOrWhiteSpace(database))
        {
            throw new ArgumentException("The connection string names no database.", nameof(connectionString));
        }

        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(ct);

        await using (var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection))
        {
            exists.Parameters.AddWithValue("name", database);
            if (await exists.ExecuteScalarAsync(ct) is not null)
            {
                return;
            }
        }

        // CREATE DATABASE takes no parameters, so the name is quoted as an identifier.
        var quoted = "\"" + database.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        try
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted}", connection);
            await create.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Someone else created it between our check and our CREATE: that is the outcome we wanted.
        }
    }

    private sealed record Migration(int Version, string Name, string Sql);

    // The SDK names an embedded Migrations/0001_x.sql "<RootNamespace>.Migrations.0001_x.sql".
    private static readonly Regex MigrationResourcePattern =
        new(@"(?:^|\.)Migrations\.(?<name>(?<version>\d{4})_[^.]+\.sql)$", RegexOptions.CultureInvariant);

    private static List<Migration> LoadMigrations()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = MigrationResourcePattern.Match(resource);
            if (!match.Success)
            {
                continue;
            }

            migrations.Add(new Migration(
                int.Parse(match.Groups["version"].Value, System.Globalization.CultureInfo.InvariantCulture),
                match.Groups["name"].Value,
                ReadResource(assembly, resource)));
        }

        migrations.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException(
                $"Several migrations share version {duplicate.Key}: {string.Join(", ", duplicate.Select(m => m.Name))}.");
        }

        return migrations;
    }

    private static string ReadResource(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource {resource} vanished.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static async Task<Dictionary<int, string>> ReadRecordedAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var recorded = new Dictionary<int, string>();
        await using var command = new NpgsqlCommand("SELECT version, name FROM cg_schema_version", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            recorded[reader.GetInt32(0)] = reader.GetString(1);
        }

        return recorded;
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction? transaction,
        string sql,
        CancellationToken ct,
        params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction)
        {
            // Waiting for another silo's migration, or a long migration itself, is bounded by ct instead.
            CommandTimeout = 0,
        };
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(ct);
    }
}
