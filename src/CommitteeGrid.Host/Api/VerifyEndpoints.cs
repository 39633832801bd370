using CommitteeGrid.Grains.Services;
using CommitteeGrid.Host.Security;
using CommitteeGrid.Host.Verification;

namespace CommitteeGrid.Host.Api;

internal static class VerifyEndpoints
{
    public const int MaxWaitSeconds = 120;

    public static void MapVerifyEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/verify/{code}", async (string code, string? year, string? waitSeconds, NetworkCatalog catalog, TallyVerifier verifier, TimeProvider clock, CancellationToken ct) =>
        {
            if (UnitEndpoints.Find(catalog, code, out var problem) is not { } unit)
            {
                return problem!;
            }

            var (y, badYear) = YearParam.Parse(year, clock);
            if (badYear is not null)
            {
                return badYear;
            }

            var (wait, badWait) = QueryValues.Int("waitSeconds", waitSeconds, 0, MaxWaitSeconds);
            if (badWait is not null)
            {
                return badWait;
            }

            return Results.Ok(await verifier.Verify(unit, y, TimeSpan.FromSeconds(wait ?? 0), ct));
        }).WithTags("Verify").WithName("Verify").RequireAccess("verify.run");
    }
}
