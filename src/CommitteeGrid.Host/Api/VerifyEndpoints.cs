using CommitteeGrid.Grains.Services;
using CommitteeGrid.Host.Verification;

namespace CommitteeGrid.Host.Api;

internal static class VerifyEndpoints
{
    public const int MaxWaitSeconds = 120;

    public static void MapVerifyEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/verify/{code}", async (string code, string? year, int? waitSeconds, NetworkCatalog catalog, TallyVerifier verifier, TimeProvider clock, CancellationToken ct) =>
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

            if (waitSeconds is < 0 or > MaxWaitSeconds)
            {
                return Problems.Invalid($"waitSeconds must be between 0 and {MaxWaitSeconds}");
            }

            return Results.Ok(await verifier.Verify(unit, y, TimeSpan.FromSeconds(waitSeconds ?? 0), ct));
        }).WithTags("Verify").WithName("Verify");
    }
}
