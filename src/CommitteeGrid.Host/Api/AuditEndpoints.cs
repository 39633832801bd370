using System.Globalization;
using CommitteeGrid.Domain.Ledger;
using CommitteeGrid.Grains.Services;
using CommitteeGrid.Host.Security;

namespace CommitteeGrid.Host.Api;

/// <summary>The audit trail: who changed what in a subtree, when, from where (the ledger's own record).</summary>
internal static class AuditEndpoints
{
    public static void MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/units/{code}/audit", async (string code, string? from, string? to, string? limit, NetworkCatalog catalog, ILedger ledger, CancellationToken ct) =>
        {
            if (UnitEndpoints.Find(catalog, code, out var problem) is not { } unit)
            {
                return problem!;
            }

            var (start, badFrom) = Time("from", from);
            var (end, badTo) = Time("to", to);
            var (max, badLimit) = QueryValues.Int("limit", limit, 1, 1000);
            if ((badFrom ?? badTo ?? badLimit) is { } bad)
            {
                return bad;
            }

            if (start >= end)
            {
                return Problems.Invalid("from must be earlier than to");
            }

            var committees = catalog.Network.Subtree(unit).Where(u => u.IsCommittee).Select(u => u.Code).ToList();
            var entries = await ledger.ReadAuditAsync(new AuditQuery(unit.Path, committees, start, end, max ?? 100), ct);
            return Results.Ok(new
            {
                Unit = unit.Code,
                From = start,
                To = end,
                Entries = entries.Select(e => new
                {
                    e.Seq,
                    e.Stream,
                    e.Version,
                    Event = e.Kind,
                    At = e.OccurredAt,
                    Actor = new { Id = e.ActorId, Role = e.ActorRole, Scope = e.ActorScope, Address = e.ActorAddress },
                    Committee = e.Subject,
                }),
            });
        }).WithTags("Audit").WithName("GetAuditTrail").RequireAccess("audit.read");
    }

    /// <summary>A date (yyyy-MM-dd, the start of that day in China) or a date and time with its offset.</summary>
    private static (DateTimeOffset? Value, IResult? Problem) Time(string name, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return (null, null);
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return (new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)), null);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && text.Contains('T', StringComparison.Ordinal)
            ? (at, null)
            : (null, Problems.Invalid($"{name} must be a date (yyyy-MM-dd, China time) or a date and time with offset (e.g. 2026-03-05T09:00:00+08:00); '{UnitEndpoints.Shorten(text)}' is not"));
    }
}
