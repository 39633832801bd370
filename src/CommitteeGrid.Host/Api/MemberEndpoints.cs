using CommitteeGrid.Abstractions.Grains;
using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Abstractions.Reports;
using CommitteeGrid.Domain.Ledger;
using CommitteeGrid.Domain.Reports;
using CommitteeGrid.Grains.Services;
using CommitteeGrid.Host.Security;

namespace CommitteeGrid.Host.Api;

/// <summary>A member's own record: the reports that credited them in a year and how each stands.</summary>
internal static class MemberEndpoints
{
    public static void MapMemberEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/members/{code}/reports", async (string code, string? year, string? limit, NetworkCatalog catalog, ILedger ledger, IGrainFactory grains, TimeProvider clock, CancellationToken ct) =>
        {
            if (UnitEndpoints.Find(catalog, code, out var problem) is not { } member)
            {
                return problem!;
            }

            if (member.Kind != UnitKind.Member)
            {
                return Problems.Invalid($"unit '{code}' is {UnitEndpoints.Describe(member.Kind)}, not a member");
            }

            var (y, badYear) = YearParam.Parse(year, clock);
            if (badYear is not null)
            {
                return badYear;
            }

            var (max, badLimit) = QueryValues.Int("limit", limit, 1, 1000);
            if (badLimit is not null)
            {
                return badLimit;
            }

            // The ledger's per-stream credits are the member's rollup children; the report streams among
            // them that credited something this year are the member's reports of the year.
            var reportPrefix = InfoReportState.StreamOf("");
            var credits = await ledger.ReadMemberContributionsAsync(member.Code, ct);
            var ids = credits
                .Where(c => c.ChildKey.StartsWith(reportPrefix, StringComparison.Ordinal) && c.Counts.Keys.Any(k => k.Year == y))
                .Select(c => c.ChildKey[reportPrefix.Length..]);
            var views = await Task.WhenAll(ids.Select(id => grains.GetGrain<IInfoReportGrain>(id).GetView()));
            var reports = views
                .OfType<InfoReportView>()
                .OrderByDescending(v => v.SubmittedAt)
                .ThenBy(v => v.Id, StringComparer.Ordinal)
                .Take(max ?? 200)
                .Select(v => Summary(v, catalog))
                .ToList();
            return Results.Ok(new { Member = member.ToInfo(), Year = y, Reports = reports });
        })
        .WithTags("Members")
        .WithName("GetMemberReports")
        .RequireAccess("member.read");
    }

    private static object Summary(InfoReportView view, NetworkCatalog catalog) => new
    {
        view.Id,
        view.Title,
        view.Status,
        view.Lead,
        view.CoAuthors,
        view.SubmittedAt,
        view.CurrentCommittee,
        CurrentCommitteeName = catalog.Network.Find(view.CurrentCommittee)?.Name,
        view.Version,
        Levels = view.Levels.Select(l => new
        {
            l.Committee,
            CommitteeName = catalog.Network.Find(l.Committee)?.Name,
            l.Level,
            l.ReceivedAt,
            l.Status,
            l.Adopted,
            l.Forwarded,
            Endorsements = l.Endorsements.Count,
        }),
    };
}
