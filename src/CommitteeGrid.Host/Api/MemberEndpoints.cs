using CommitteeGrid.Abstractions.Grains;
using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Abstractions.Proposals;
using CommitteeGrid.Abstractions.Reports;
using CommitteeGrid.Domain.Ledger;
using CommitteeGrid.Domain.Network;
using CommitteeGrid.Domain.Proposals;
using CommitteeGrid.Domain.Reports;
using CommitteeGrid.Domain.Tallies;
using CommitteeGrid.Grains.Services;
using CommitteeGrid.Host.Security;

namespace CommitteeGrid.Host.Api;

/// <summary>A member's own record: the reports and proposals that credited them in a year and how each stands.</summary>
internal static class MemberEndpoints
{
    public static void MapMemberEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/members/{code}/reports", async (string code, string? year, string? limit, NetworkCatalog catalog, ILedger ledger, IGrainFactory grains, TimeProvider clock, CancellationToken ct) =>
        {
            if (Query(catalog, code, year, limit, clock, out var member, out var y, out var max) is { } problem)
            {
                return problem;
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

        app.MapGet("/api/members/{code}/proposals", async (string code, string? year, string? limit, NetworkCatalog catalog, ILedger ledger, IGrainFactory grains, TimeProvider clock, CancellationToken ct) =>
        {
            if (Query(catalog, code, year, limit, clock, out var member, out var y, out var max) is { } problem)
            {
                return problem;
            }

            // Proposals that credited the member this year (led, co-signed, joined by merger), and the
            // member's own proposals drafted this year, which credit nobody until they are submitted.
            var prefix = ProposalState.StreamOf("");
            var credits = await ledger.ReadMemberContributionsAsync(member.Code, ct);
            var drafts = await ledger.StreamsForSubjectAsync(ProposalState.DraftsSubject(member.Code), ct);
            var credited = credits
                .Where(c => c.ChildKey.StartsWith(prefix, StringComparison.Ordinal) && c.Counts.Keys.Any(k => k.Year == y))
                .Select(c => c.ChildKey[prefix.Length..])
                .ToHashSet(StringComparer.Ordinal);
            var ids = credited.Union(drafts.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Select(k => k[prefix.Length..]), StringComparer.Ordinal);
            var views = await Task.WhenAll(ids.Select(id => grains.GetGrain<IProposalGrain>(id).GetView()));
            var proposals = views
                .OfType<ProposalView>()
                .Where(v => credited.Contains(v.Id) || CivilTime.YearOf(v.DraftedAt) == y)
                .OrderByDescending(v => v.SubmittedAt ?? v.DraftedAt)
                .ThenBy(v => v.Id, StringComparer.Ordinal)
                .Take(max ?? 200)
                .Select(v => ProposalSummary(v, member.Code, catalog))
                .ToList();
            return Results.Ok(new { Member = member.ToInfo(), Year = y, Proposals = proposals });
        })
        .WithTags("Members")
        .WithName("GetMemberProposals")
        .RequireAccess("member.read");
    }

    /// <summary>The member a list is about and its year and limit, or the problem with one of them.</summary>
    private static IResult? Query(NetworkCatalog catalog, string code, string? year, string? limit, TimeProvider clock, out NetworkUnit member, out int y, out int? max)
    {
        (member, y, max) = (null!, 0, null);
        if (UnitEndpoints.Find(catalog, code, out var problem) is not { } unit)
        {
            return problem!;
        }

        if (unit.Kind != UnitKind.Member)
        {
            return Problems.Invalid($"unit '{code}' is {UnitEndpoints.Describe(unit.Kind)}, not a member");
        }

        member = unit;
        (y, problem) = YearParam.Parse(year, clock);
        if (problem is not null)
        {
            return problem;
        }

        (max, problem) = QueryValues.Int("limit", limit, 1, 1000);
        return problem;
    }

    /// <summary>One proposal as the member's list shows it, with the member's part in it and their own rating.</summary>
    private static object ProposalSummary(ProposalView view, string member, NetworkCatalog catalog) => new
    {
        view.Id,
        view.Title,
        view.Status,
        Role = view.Lead == member ? "lead"
            : view.Cosigners.Contains(member) ? "cosigner"
            : "merged",
        view.Lead,
        view.Committee,
        CommitteeName = catalog.Network.Find(view.Committee)?.Name,
        view.NumberText,
        view.DraftedAt,
        view.SubmittedAt,
        view.Key,
        view.Excellent,
        AnswerClass = view.Answer?.Class,
        MyRating = view.Ratings.FirstOrDefault(r => r.Member == member)?.Rating,
        view.Version,
    };

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
