using System.Diagnostics;
using System.Text;
using Npgsql;

namespace CommitteeGrid.Postgres.Tests;

[CollectionDefinition("postgres")]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
}

/// <summary>
/// One PostgreSQL server for the whole collection: the one named by CG_TEST_PG, or a throwaway
/// started with scripts/pg.sh and stopped afterwards. Each test takes its own fresh database.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private const string EnvironmentVariable = "CG_TEST_PG";

    private readonly List<string> _createdDatabases = [];
    private string? _scriptPath;
    private string? _serverDirectory;

    /// <summary>Connection string of the server (its database part is not used as is).</summary>
    public string ServerConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            ServerConnectionString = configured.Trim();
            return;
        }

        _scriptPath = Path.Combine(FindRepositoryRoot(), "scripts", "pg.sh");
        _serverDirectory = Directory.CreateTempSubdirectory("cg-pg-").FullName;
        var output = await RunScriptAsync("start", _serverDirectory);
        ServerConnectionString = output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .LastOrDefault()
            ?? throw new InvalidOperationException("scripts/pg.sh start printed no connection string.");
    }

    public async Task DisposeAsync()
    {
        // Pooled idle connections would otherwise keep sessions (and a shared server's databases) busy.
        NpgsqlConnection.ClearAllPools();

        if (_serverDirectory is null)
        {
            // A shared server outlives us: leave it as we found it.
            foreach (var database in _createdDatabases)
            {
                await using var connection = await OpenAdminAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Quote(database)} WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
            }

            return;
        }

        await RunScriptAsync("stop", _serverDirectory);
        try
        {
            Directory.Delete(_serverDirectory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temp folder is not worth failing the run for.
        }
    }

    /// <summary>Creates a new, empty, uniquely named database and returns a connection string for it.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var clean = new string(prefix.ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c) || c == '_').ToArray());
        if (clean.Length > 40)
        {
            clean = clean[..40];
        }

        // PostgreSQL truncates identifiers at 63 bytes; 40 + 1 + 16 stays well inside.
        var name = $"{clean}_{Guid.NewGuid():N}"[..(clean.Length + 17)];
        await using (var connection = await OpenAdminAsync())
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE {Quote(name)}", connection);
            await create.ExecuteNonQueryAsync();
        }

        lock (_createdDatabases)
        {
            _createdDatabases.Add(name);
        }

        return ConnectionStringFor(name);
    }

    /// <summary>Connection string for a database on this server, which may or may not exist.</summary>
    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database }.ConnectionString;

    private async Task<NpgsqlConnection> OpenAdminAsync()
    {
        var builder = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = "postgres", Pooling = false };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CommitteeGrid.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No CommitteeGrid.sln above {AppContext.BaseDirectory}; set {EnvironmentVariable} instead.");
    }

    private async Task<string> RunScriptAsync(string command, string directory)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(_scriptPath!);
        start.ArgumentList.Add(command);
        start.ArgumentList.Add(directory);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start bash.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();

        // Generous: the first start may have to install PostgreSQL from the Debian packages.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"scripts/pg.sh {command} did not finish in time.\n{await stderr}");
        }

        var output = await stdout;
        if (process.ExitCode != 0)
        {
            var message = new StringBuilder()
                .AppendLine($"scripts/pg.sh {command} {directory} failed with exit code {process.ExitCode}.")
                .AppendLine(await stderr)
                .Append(output);
            throw new InvalidOperationException(message.ToString());
        }

        return output;
    }
}
