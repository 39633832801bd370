using CommitteeGrid.Domain.Users;
using CommitteeGrid.Host.Security;
using CommitteeGrid.Storage;
using CommitteeGrid.Storage.Postgres;

namespace CommitteeGrid.Host.Hosting;

/// <summary>
/// <c>user add --name N --password P|- --role R --scope CODE</c> creates (or updates) a user in the
/// configured PostgreSQL database; <c>token --name N [--hours H]</c> prints a bearer token for one.
/// Settings come as for the host (appsettings.json, COMMITTEEGRID__… environment, --CommitteeGrid:…=…).
/// </summary>
public static class UserCommand
{
    private const string UsageText = """
        usage: dotnet run --project src/CommitteeGrid.Host -- user add --name N --password P --role R --scope CODE [settings]
               dotnet run --project src/CommitteeGrid.Host -- token --name N [--hours H] [settings]
          --password - reads the password from standard input. Roles: member, groupleader, staff, viewer, operator.
          Needs CommitteeGrid:Postgres (users live in the database) and, for token, CommitteeGrid:SigningKey.
        """;

    public static async Task<int> Run(string command, string[] args)
    {
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        var settings = new List<string>();
        var rest = command == "user" && args.Length > 0 && args[0] == "add" ? args[1..] : command == "token" ? args : null;
        if (rest is null)
        {
            return Usage("expected 'user add' or 'token'");
        }

        for (var i = 0; i < rest.Length; i++)
        {
            if (rest[i] is "--name" or "--password" or "--role" or "--scope" or "--hours" && i + 1 < rest.Length)
            {
                flags[rest[i][2..]] = rest[++i];
            }
            else if (rest[i].StartsWith("--", StringComparison.Ordinal) && rest[i].Contains(':', StringComparison.Ordinal))
            {
                settings.Add(rest[i]);
            }
            else
            {
                return Usage($"unexpected argument '{rest[i]}'");
            }
        }

        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine([.. settings])
            .Build();
        var options = configuration.GetSection("CommitteeGrid").Get<CommitteeGridOptions>() ?? new CommitteeGridOptions();
        if (!options.UsesPostgres)
        {
            return Usage("users are stored in PostgreSQL: set CommitteeGrid:Postgres (the embedded demo makes its own users and prints them)");
        }

        if (!flags.TryGetValue("name", out var name))
        {
            return Usage("--name is required");
        }

        try
        {
            var connection = PostgresConnection.WithDefaults(options.Postgres)!;
            await SchemaMigrator.EnsureDatabaseAsync(connection, CancellationToken.None);
            await SchemaMigrator.MigrateAsync(connection);
            var store = new PostgresUserStore(connection);
            return command == "user" ? await Add(store, options, name, flags) : await Token(store, options, name, flags);
        }
        catch (InvalidOperationException ex)
        {
            Console.Error.WriteLine($"{command}: {ex.Message}");
            return 1;
        }
    }

    private static async Task<int> Add(PostgresUserStore store, CommitteeGridOptions options, string name, Dictionary<string, string> flags)
    {
        if (!flags.TryGetValue("password", out var password) || !flags.TryGetValue("role", out var role) || !flags.TryGetValue("scope", out var scope))
        {
            return Usage("user add needs --name, --password, --role and --scope");
        }

        if (password == "-")
        {
            password = (Console.In.ReadLine() ?? "").TrimEnd('\r', '\n');
        }

        var (network, _) = NetworkLoader.Load(options.NetworkFile);
        if ((UserRules.Check(name, role, scope, network) ?? UserRules.CheckPassword(password)) is { } problem)
        {
            return Usage(problem);
        }

        var created = await store.UpsertAsync(new UserAccount(name, role, scope, new Passwords().Hash(name, password), DateTimeOffset.UtcNow));
        Console.WriteLine($"{(created ? "created" : "updated")} user {name}: {role} of {scope} ({network.Get(scope).Name})");
        return 0;
    }

    private static async Task<int> Token(PostgresUserStore store, CommitteeGridOptions options, string name, Dictionary<string, string> flags)
    {
        var hours = flags.TryGetValue("hours", out var h) && double.TryParse(h, System.Globalization.CultureInfo.InvariantCulture, out var parsed) && parsed is > 0 and <= 24 * 366
            ? TimeSpan.FromHours(parsed)
            : options.TokenLifetime;
        var user = await store.FindAsync(name);
        if (user is null)
        {
            return Usage($"there is no user '{name}' (create one with: user add)");
        }

        var issuer = new TokenIssuer(SigningKey.Resolve(options.SigningKey, postgres: true), TimeProvider.System, options.TokenLifetime);
        var token = issuer.Issue(user.Name, user.Role, user.Scope, hours);
        Console.WriteLine(token.Token);
        Console.Error.WriteLine($"token for {user.Name} ({user.Role} of {user.Scope}), valid until {token.ExpiresAt:yyyy-MM-dd HH:mm} UTC; send it as Authorization: Bearer <token>");
        return 0;
    }

    private static int Usage(string problem)
    {
        Console.Error.WriteLine(problem);
        Console.Error.WriteLine(UsageText);
        return 2;
    }
}
