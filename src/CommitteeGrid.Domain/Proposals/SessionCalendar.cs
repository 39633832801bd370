using CommitteeGrid.Abstractions.Proposals;
using CommitteeGrid.Domain.Network;
using CommitteeGrid.Domain.Tallies;
using CommitteeGrid.Domain.Validation;

namespace CommitteeGrid.Domain.Proposals;

/// <summary>
/// Which session a proposal belongs to and whether it came in during the plenary (大会期间) or between
/// sessions (闭会期间), decided from the submission time in China. A session runs from its plenary's
/// first day until the next session's; a proposal submitted before a committee's first configured
/// session belongs to that first one. A committee without configured sessions has one per year
/// (id = the year) with no plenary dates, so all its proposals count as between sessions. Entries for
/// committees that are not in the network are skipped (and counted), so one file can serve the demo
/// network and a generated one.
/// </summary>
public sealed class SessionCalendar
{
    public const int MaxPlenaryDays = 31;

    private readonly Dictionary<string, List<ProposalSession>> _byCommittee;

    private SessionCalendar(Dictionary<string, List<ProposalSession>> byCommittee)
    {
        _byCommittee = byCommittee;
    }

    public static SessionCalendar Empty { get; } = new(new Dictionary<string, List<ProposalSession>>(StringComparer.Ordinal));

    public int Count => _byCommittee.Values.Sum(s => s.Count);

    /// <summary>Entries of the document left out because their committee is not in this network.</summary>
    public int Skipped { get; private init; }

    /// <summary>The sessions configured for a committee, earliest first (empty: annual sessions).</summary>
    public IReadOnlyList<ProposalSession> Of(string committee) =>
        _byCommittee.TryGetValue(committee, out var sessions) ? sessions : [];

    /// <summary>The session in force for a committee at an instant, and whether that instant falls in its plenary.</summary>
    public (ProposalSession Session, bool DuringPlenary) At(string committee, DateTimeOffset at)
    {
        var date = CivilTime.DateOf(at);
        if (!_byCommittee.TryGetValue(committee, out var sessions) || sessions.Count == 0)
        {
            var year = CivilTime.YearOf(at);
            return (new ProposalSession(committee, year.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{year}年度", null, null), false);
        }

        var current = sessions[0];
        foreach (var session in sessions)
        {
            if (session.PlenaryStart <= date)
            {
                current = session;
            }
        }

        return (current, current.PlenaryStart <= date && date <= current.PlenaryEnd);
    }

    /// <summary>True when the id names a session of the committee (configured, or an annual one).</summary>
    public bool IsSession(string committee, string id) =>
        _byCommittee.TryGetValue(committee, out var sessions) && sessions.Count > 0
            ? sessions.Any(s => s.Id == id)
            : int.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year) && year is >= 2000 and <= 2100;

    /// <summary>Validates the document against the network; every problem is listed.</summary>
    public static SessionCalendar Build(SessionsDocument document, CommitteeNetwork network)
    {
        var problems = new List<string>();
        var skipped = 0;
        var byCommittee = new Dictionary<string, List<ProposalSession>>(StringComparer.Ordinal);
        foreach (var doc in document.Sessions ?? [])
        {
            if (doc is null)
            {
                problems.Add("a session entry is null");
                continue;
            }

            var what = $"session {doc.Term}-{doc.Session} of '{doc.Committee}'";
            if (network.Find(doc.Committee) is not { } committee)
            {
                // One sessions file may serve several networks (the demo seed with a generated network).
                skipped++;
                continue;
            }

            if (!committee.IsCommittee)
            {
                problems.Add($"{what}: '{doc.Committee}' is not a committee");
                continue;
            }

            if (doc.Term is < 1 or > 99 || doc.Session is < 1 or > 20)
            {
                problems.Add($"{what}: term must be 1-99 and session 1-20");
                continue;
            }

            if (doc.PlenaryEnd < doc.PlenaryStart || doc.PlenaryEnd.DayNumber - doc.PlenaryStart.DayNumber >= MaxPlenaryDays)
            {
                problems.Add($"{what}: the plenary must end on or after its start and last at most {MaxPlenaryDays} days ({doc.PlenaryStart:yyyy-MM-dd} to {doc.PlenaryEnd:yyyy-MM-dd})");
                continue;
            }

            var name = string.IsNullOrWhiteSpace(doc.Name) ? $"第{doc.Term}届第{doc.Session}次会议" : doc.Name.Trim();
            var list = byCommittee.TryGetValue(doc.Committee, out var l) ? l : byCommittee[doc.Committee] = [];
            list.Add(new ProposalSession(doc.Committee, $"{doc.Term}-{doc.Session}", name, doc.PlenaryStart, doc.PlenaryEnd));
        }

        foreach (var (committee, list) in byCommittee)
        {
            list.Sort((a, b) => a.PlenaryStart!.Value.CompareTo(b.PlenaryStart!.Value));
            foreach (var twice in list.GroupBy(s => s.Id).Where(g => g.Count() > 1))
            {
                problems.Add($"committee '{committee}' has session {twice.Key} {twice.Count()} times");
            }

            for (var i = 1; i < list.Count; i++)
            {
                if (list[i].PlenaryStart <= list[i - 1].PlenaryEnd)
                {
                    problems.Add($"committee '{committee}': the plenaries of sessions {list[i - 1].Id} and {list[i].Id} overlap");
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new SeedValidationException("sessions", problems);
        }

        return new SessionCalendar(byCommittee) { Skipped = skipped };
    }
}
