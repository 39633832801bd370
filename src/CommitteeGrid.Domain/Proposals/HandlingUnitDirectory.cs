using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Abstractions.Proposals;
using CommitteeGrid.Domain.Network;
using CommitteeGrid.Domain.Validation;

namespace CommitteeGrid.Domain.Proposals;

/// <summary>
/// Every committee's handling units, with the answer deadline rules. Committees the document lists get
/// exactly those units; the others get the level's template departments, coded "{committee}-H01", …
/// and named after the committee's place (襄州区政协 → 襄州区教育局; national ones keep the bare name).
/// Listed units of committees that are not in the network are skipped, as sessions are.
/// </summary>
public sealed class HandlingUnitDirectory
{
    public const int MaxAnswerDays = 366;

    private readonly Dictionary<string, HandlingUnitInfo> _byCode;
    private readonly Dictionary<string, List<HandlingUnitInfo>> _byCommittee;

    private HandlingUnitDirectory(Dictionary<string, HandlingUnitInfo> byCode, Dictionary<string, List<HandlingUnitInfo>> byCommittee, int answerDays, int dueSoonDays)
    {
        _byCode = byCode;
        _byCommittee = byCommittee;
        AnswerDays = answerDays;
        DueSoonDays = dueSoonDays;
    }

    public int AnswerDays { get; }

    public int DueSoonDays { get; }

    public int Count => _byCode.Count;

    /// <summary>Listed units left out because their committee is not in this network.</summary>
    public int Skipped { get; private init; }

    public HandlingUnitInfo? Find(string? code) => code is not null && _byCode.TryGetValue(code, out var unit) ? unit : null;

    public IReadOnlyList<HandlingUnitInfo> Of(string committee) =>
        _byCommittee.TryGetValue(committee, out var units) ? units : [];

    public static HandlingUnitDirectory Build(HandlingUnitsDocument document, CommitteeNetwork network)
    {
        var problems = new List<string>();
        if (document.AnswerDays is < 1 or > MaxAnswerDays)
        {
            problems.Add($"answerDays is {document.AnswerDays}; it must be 1-{MaxAnswerDays}");
        }

        if (document.DueSoonDays < 0 || document.DueSoonDays >= document.AnswerDays)
        {
            problems.Add($"dueSoonDays is {document.DueSoonDays}; it must be at least 0 and less than answerDays");
        }

        var skipped = 0;
        var byCode = new Dictionary<string, HandlingUnitInfo>(StringComparer.Ordinal);
        var byCommittee = new Dictionary<string, List<HandlingUnitInfo>>(StringComparer.Ordinal);
        foreach (var doc in document.Units ?? [])
        {
            if (doc is null)
            {
                problems.Add("a handling unit entry is null");
                continue;
            }

            if (!UnitCodes.IsWellFormed(doc.Code))
            {
                problems.Add($"handling unit code '{doc.Code}' is not 1-{UnitCodes.MaxLength} letters, digits or '-'");
                continue;
            }

            if (network.Find(doc.Code) is not null)
            {
                problems.Add($"handling unit code '{doc.Code}' is already a unit or member of the network");
                continue;
            }

            if (network.Find(doc.Committee) is not { } committee)
            {
                skipped++;
                continue;
            }

            if (!committee.IsCommittee)
            {
                problems.Add($"handling unit '{doc.Code}' names '{doc.Committee}', which is not a committee");
                continue;
            }

            if (string.IsNullOrWhiteSpace(doc.Name))
            {
                problems.Add($"handling unit '{doc.Code}' has no name");
                continue;
            }

            var unit = new HandlingUnitInfo(doc.Code, doc.Name.Trim(), doc.Committee);
            if (!byCode.TryAdd(unit.Code, unit))
            {
                problems.Add($"handling unit code '{doc.Code}' appears twice");
                continue;
            }

            (byCommittee.TryGetValue(unit.Committee, out var list) ? list : byCommittee[unit.Committee] = []).Add(unit);
        }

        var templates = new Dictionary<CommitteeLevel, List<string>>();
        foreach (var (levelName, names) in document.Templates ?? [])
        {
            if (!CommitteeLevels.TryParse(levelName, out var level))
            {
                problems.Add($"template level '{levelName}' is not county, city, province or national");
                continue;
            }

            var clean = (names ?? []).Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).ToList();
            if (clean.Count == 0 || clean.Count > 99 || clean.Distinct().Count() != clean.Count)
            {
                problems.Add($"the {levelName} template must list 1-99 distinct department names");
                continue;
            }

            templates[level] = clean;
        }

        if (problems.Count == 0)
        {
            foreach (var committee in network.Units.Where(u => u.IsCommittee && !byCommittee.ContainsKey(u.Code)))
            {
                if (!templates.TryGetValue(committee.Level, out var names))
                {
                    continue;
                }

                var place = committee.Level == CommitteeLevel.National ? "" : PlaceOf(committee.Name);
                var list = byCommittee[committee.Code] = [];
                for (var i = 0; i < names.Count; i++)
                {
                    var unit = new HandlingUnitInfo($"{committee.Code}-H{i + 1:D2}", place + names[i], committee.Code);
                    if (network.Find(unit.Code) is not null || !byCode.TryAdd(unit.Code, unit))
                    {
                        problems.Add($"the template code '{unit.Code}' is already taken");
                        continue;
                    }

                    list.Add(unit);
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new SeedValidationException("handling units", problems);
        }

        return new HandlingUnitDirectory(byCode, byCommittee, document.AnswerDays, document.DueSoonDays) { Skipped = skipped };
    }

    /// <summary>A committee's place: its name without the trailing 政协 (湖北省政协 → 湖北省).</summary>
    private static string PlaceOf(string committeeName) =>
        committeeName.EndsWith("政协", StringComparison.Ordinal) ? committeeName[..^2] : committeeName;
}
