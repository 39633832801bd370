using CommitteeGrid.Domain.Ledger;
using CommitteeGrid.Domain.Telemetry;
using CommitteeGrid.Domain.Users;
using CommitteeGrid.Grains.Notifications;
using CommitteeGrid.Grains.Services;
using CommitteeGrid.Host.Api;
using CommitteeGrid.Host.Live;
using CommitteeGrid.Host.Observability;
using CommitteeGrid.Host.Pages;
using CommitteeGrid.Host.Scoring;
using CommitteeGrid.Host.Security;
using CommitteeGrid.Host.Verification;
using CommitteeGrid.Storage;
using CommitteeGrid.Storage.Memory;
using CommitteeGrid.Storage.Postgres;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CommitteeGrid.Host.Hosting;

/// <summary>Builds the whole host: silo, HTTP API, health. Tests build it the same way.</summary>
public static class CommitteeGridApp
{
    public static async Task<WebApplication> BuildAsync(string[] args, Action<WebApplicationBuilder>? customize = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        customize?.Invoke(builder);
        var options = builder.Configuration.GetSection("CommitteeGrid").Get<CommitteeGridOptions>() ?? new CommitteeGridOptions();
        options.Postgres = PostgresConnection.WithDefaults(options.Postgres);
        builder.WebHost.UseUrls(options.Http);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.ShutdownTimeout);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = JsonBody.MaxBytes * 4L);

        var (network, networkPath) = NetworkLoader.Load(options.NetworkFile);
        builder.Services.AddSingleton(new NetworkCatalog(network));
        var proposals = NetworkLoader.LoadProposalCatalog(network, options.SessionsFile, options.HandlingUnitsFile);
        builder.Services.AddSingleton(proposals);
        // Tests may supply their own clock (customize runs first).
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<RollupOptions>().Bind(builder.Configuration.GetSection("Rollup"))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<RollupOptions>, RollupSettingsCheck>();
        builder.Services.Configure<NotificationOptions>(builder.Configuration.GetSection("Notifications"));
        builder.Services.Configure<WebhookOptions>(builder.Configuration.GetSection("Webhooks"));
        builder.Services.AddSingleton<TallyVerifier>();
        builder.Services.AddSingleton<PageAssets>();
        builder.Services.Configure<LiveOptions>(builder.Configuration.GetSection("Live"));
        builder.Services.AddSingleton(ScoringSeedCatalog.Load(options.ScoringSeeds));
        builder.Services.AddSingleton<RulesResolver>();
        builder.Services.AddSingleton<Figures>();
        builder.Services.AddSingleton<BulletinBuilder>();
        builder.Services.AddSingleton<CommitteeGridMetrics>();
        builder.Services.AddSingleton<MetricsCollector>();
        builder.Services.AddSingleton<OpsMetricsReader>();

        if (options.UsesPostgres)
        {
            await SchemaMigrator.EnsureDatabaseAsync(options.Postgres!, CancellationToken.None);
            await SchemaMigrator.MigrateAsync(options.Postgres!);
            builder.Services.AddSingleton(new PostgresLedgerOptions { ConnectionString = options.Postgres! });
            builder.Services.AddSingleton<PostgresLedger>();
            builder.Services.AddSingleton<ILedger>(sp => sp.GetRequiredService<PostgresLedger>());
            builder.Services.AddHostedService(sp => sp.GetRequiredService<PostgresLedger>());
            builder.Services.AddSingleton<IUserStore>(new PostgresUserStore(options.Postgres!));
        }
        else
        {
            builder.Services.AddSingleton<ILedger, MemoryLedger>();
            builder.Services.AddSingleton<IUserStore, MemoryUserStore>();
            if (options.DemoActivity)
            {
                builder.Services.AddHostedService<DemoActivity>();
                builder.Services.AddHostedService<DemoProposals>();
            }
        }

        builder.UseOrleans(silo => SiloSetup.ConfigureSilo(silo, options));

        // After the silo: the shipped scoring rules are recorded once it is up, before the host is ready.
        builder.Services.AddHostedService<ScoringSeeder>();

        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
            o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ClusterExceptionHandler>();
        builder.Services.AddOpenApi();
        builder.Services.AddHealthChecks().AddCheck<ReadinessCheck>("ready", tags: ["ready"]);
        builder.AddSecurity(options);

        var app = builder.Build();
        // Listening from the start, so the first snapshot already covers what happened before it was asked for.
        app.Services.GetRequiredService<MetricsCollector>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSecurity();
        app.MapOpenApi().RequireAccess("api.describe");
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).RequireAccess("health.read").DisableRateLimiting();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).RequireAccess("health.read").DisableRateLimiting();
        app.MapAuthEndpoints();
        app.MapUnitEndpoints();
        app.MapReportEndpoints();
        app.MapProposalEndpoints();
        app.MapDutyEndpoints();
        app.MapVerifyEndpoints();
        app.MapAuditEndpoints();
        app.MapMemberEndpoints();
        app.MapLiveEndpoints();
        app.MapPageEndpoints();
        app.MapScoringEndpoints();
        app.MapScoringRulesEndpoints();
        app.MapBulletinEndpoints();
        app.MapFeedEndpoints();
        app.MapWebhookEndpoints();
        app.MapOpsEndpoints(options.Dashboard);
        app.MapFallback((HttpContext http) => Results.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "Not found",
            detail: $"there is no endpoint {http.Request.Method} {UnitEndpoints.Shorten(http.Request.Path.Value ?? "")}; see /openapi/v1.json"))
            .WithName("NotFound").RequireAccess("api.describe");
        app.CheckOperations();

        // The embedded demo has nobody to sign in as unless it makes them (its users live in memory too).
        DemoLogins? demo = options.UsesPostgres
            ? null
            : await DemoUsers.CreateAsync(app.Services.GetRequiredService<IUserStore>(), app.Services.GetRequiredService<Passwords>(), network, options.DemoPassword);
        app.Lifetime.ApplicationStarted.Register(() => PrintWelcome(app, options, network, networkPath, demo, proposals));
        return app;
    }

    private static void PrintWelcome(WebApplication app, CommitteeGridOptions options, Domain.Network.CommitteeNetwork network, string networkPath, DemoLogins? demo, Domain.Proposals.ProposalCatalog proposals)
    {
        var url = app.Urls.FirstOrDefault() ?? options.Http;
        var mode = options.UsesPostgres
            ? "PostgreSQL: clustering, grain state, reminders and the ledger are durable"
            : "embedded default: memory storage, one silo. Data is lost when this process ends";
        Console.WriteLine($"""

            CommitteeGrid is running ({mode}).
              Network   {network.Name}: {network.UnitCount} units, {network.Root.MemberCount} members (from {networkPath})
              Pages     {url}/units/{network.Root.Code}
              Proposals {proposals.Sessions.Count} sessions configured, {proposals.HandlingUnits.Count} handling units ({proposals.Sessions.Skipped + proposals.HandlingUnits.Skipped} seed entries for committees not in this network skipped)
              API       {url}/api/units/{network.Root.Code}
              OpenAPI   {url}/openapi/v1.json
              Health    {url}/health/ready
              Sign in   {url}/login, or POST {url}/api/auth/login with name and password
              Metrics   {url}/api/ops/metrics (operators)
              Dashboard {(options.Dashboard ? $"{url}{OpsEndpoints.DashboardPath}/ (operators)" : "off (CommitteeGrid:Dashboard=false)")}
            """);
        if (demo is null)
        {
            return;
        }

        Console.WriteLine($"  Demo users, all with the password {demo.Password} (CommitteeGrid:DemoPassword chooses it):");
        foreach (var user in demo.Users)
        {
            Console.WriteLine($"    {user.Name,-13} {user.Role,-12} {user.Scope,-13} {user.What}");
        }

        Console.WriteLine($$"""
                e.g.  T=$(curl -s {{url}}/api/auth/login -H 'Content-Type: application/json' \
                          -d '{"name":"county.staff","password":"{{demo.Password}}"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')
                      curl -s -H "Authorization: Bearer $T" {{url}}/api/committees/{{demo.Users[1].Scope}}/inbox
            """);
    }
}
