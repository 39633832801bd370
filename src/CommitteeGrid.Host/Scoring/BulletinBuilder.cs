using CommitteeGrid.Domain.Network;
using CommitteeGrid.Domain.Scoring;
using CommitteeGrid.Grains.Services;

namespace CommitteeGrid.Host.Scoring;

/// <summary>Builds a committee's bulletin from the same figures and rules as the score and ranking endpoints.</summary>
public sealed class BulletinBuilder(RulesResolver resolver, Figures figures, NetworkCatalog catalog, TimeProvider clock)
{
    public async Task<Bulletin> Build(NetworkUnit committee, int year, DateOnly? asOf)
    {
        var rules = await resolver.Resolve(committee, year);
        var units = catalog.Network.Children(committee).ToList();
        var members = figures.OwnMembers(committee);
        var counts = await figures.Of(committee, [.. units, .. members], year, asOf);

        Contender Contender(NetworkUnit u) => new(u.Code, u.Name, u.Kind == Abstractions.Network.UnitKind.Member ? "member" : u.Kind.ToString(), u.MemberCount, u.Kind == Abstractions.Network.UnitKind.Member, u.Party, u.Sector, counts[u.Code]);

        var byScore = new RankingRequest(RankingOf.Children, RankingRequest.ByScore, PerCapita: false);
        var unitRows = Standings.Rank(rules.Rules, byScore, units.Select(Contender));
        var memberRows = Standings.Rank(rules.Rules, byScore with { Of = RankingOf.Members }, members.Select(Contender));
        var parties = Standings.Rank(rules.Rules, new RankingRequest(RankingOf.Parties, RankingRequest.ByScore, PerCapita: true), members.Select(Contender));
        var sectors = Standings.Rank(rules.Rules, new RankingRequest(RankingOf.Sectors, RankingRequest.ByScore, PerCapita: true), members.Select(Contender));

        BulletinRow Row(RankingRow r)
        {
            var unit = catalog.Network.Get(r.Code);
            var group = unit.Kind == Abstractions.Network.UnitKind.Member ? catalog.Network.Get(unit.ParentCode!).Name : null;
            var status = Bulletin.StatusColumns.ToDictionary(c => c.Counter, c => counts[r.Code].GetValueOrDefault(c.Counter), StringComparer.Ordinal);
            return new BulletinRow(r.Rank, r.Code, r.Name, Api.ScoringEndpoints.KindName(unit.Kind), group, unit.Party, unit.Sector, unit.MemberCount, status, r.Score, r.Grade);
        }

        return new Bulletin(
            new BulletinCommittee(committee.Code, committee.Name, committee.Level),
            year,
            asOf,
            asOf is null,
            Domain.Ledger.LedgerClock.Now(clock),
            rules.Summary,
            rules.Rules.Name,
            Ranking.TieOrder,
            Bulletin.StatusColumns,
            [.. unitRows.Select(Row)],
            [.. memberRows.Select(Row)],
            parties,
            sectors);
    }
}
