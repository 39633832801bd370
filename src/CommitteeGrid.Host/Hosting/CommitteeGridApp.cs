using CommitteeGrid.Domain.Ledger;
using CommitteeGrid.Grains.Notifications;
using CommitteeGrid.Grains.Services;
using CommitteeGrid.Host.Api;
using CommitteeGrid.Host.Verification;
using CommitteeGrid.Storage;
using CommitteeGrid.Storage.Memory;
using CommitteeGrid.Storage.Postgres;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

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
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.Configure<RollupOptions>(builder.Configuration.GetSection("Rollup"));
        builder.Services.Configure<NotificationOptions>(builder.Configuration.GetSection("Notifications"));
        builder.Services.Configure<WebhookOptions>(builder.Configuration.GetSection("Webhooks"));
        builder.Services.AddSingleton<TallyVerifier>();

        if (options.UsesPostgres)
        {
            await SchemaMigrator.EnsureDatabaseAsync(options.Postgres!, CancellationToken.None);
            await SchemaMigrator.MigrateAsync(options.Postgres!);
            builder.Services.AddSingleton(new PostgresLedgerOptions { ConnectionString = options.Postgres! });
            builder.Services.AddSingleton<PostgresLedger>();
            builder.Services.AddSingleton<ILedger>(sp => sp.GetRequiredService<PostgresLedger>());
            builder.Services.AddHostedService(sp => sp.GetRequiredService<PostgresLedger>());
        }
        else
        {
            builder.Services.AddSingleton<ILedger, MemoryLedger>();
            if (options.DemoActivity)
            {
                builder.Services.AddHostedService<DemoActivity>();
            }
        }

        builder.UseOrleans(silo => SiloSetup.ConfigureSilo(silo, options));

        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
            o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ClusterExceptionHandler>();
        builder.Services.AddOpenApi();
        builder.Services.AddHealthChecks().AddCheck<ReadinessCheck>("ready", tags: ["ready"]);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapUnitEndpoints();
        app.MapReportEndpoints();
        app.MapProposalEndpoints();
        app.MapDutyEndpoints();
        app.MapVerifyEndpoints();
        app.MapFeedEndpoints();
        app.MapWebhookEndpoints();
        app.MapFallback((HttpContext http) => Results.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "Not found",
            detail: $"there is no endpoint {http.Request.Method} {UnitEndpoints.Shorten(http.Request.Path.Value ?? "")}; see /openapi/v1.json"));

        app.Lifetime.ApplicationStarted.Register(() => PrintWelcome(app, options, network, networkPath, proposals));
        return app;
    }

    private static void PrintWelcome(WebApplication app, CommitteeGridOptions options, Domain.Network.CommitteeNetwork network, string networkPath, Domain.Proposals.ProposalCatalog proposals)
    {
        var url = app.Urls.FirstOrDefault() ?? options.Http;
        var mode = options.UsesPostgres
            ? "PostgreSQL: clustering, grain state, reminders and the ledger are durable"
            : "embedded default: memory storage, one silo. Data is lost when this process ends";
        Console.WriteLine($"""

            CommitteeGrid is running ({mode}).
              Network   {network.Name}: {network.UnitCount} units, {network.Root.MemberCount} members (from {networkPath})
              Proposals {proposals.Sessions.Count} sessions configured, {proposals.HandlingUnits.Count} handling units ({proposals.Sessions.Skipped + proposals.HandlingUnits.Skipped} seed entries for committees not in this network skipped)
              API       {url}/api/units/{network.Root.Code}
              OpenAPI   {url}/openapi/v1.json
              Health    {url}/health/ready
            """);
    }
}
