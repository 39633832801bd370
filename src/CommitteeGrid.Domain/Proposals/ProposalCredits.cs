using CommitteeGrid.Abstractions.Tallies;
using CommitteeGrid.Domain.Network;
using CommitteeGrid.Domain.Tallies;

namespace CommitteeGrid.Domain.Proposals;

/// <summary>
/// Who is credited with what. The plain counter goes to the lead author, so that a unit's piece-times
/// count each proposal once; everyone else who stands behind the proposal gets the ".cosigner" variant:
/// the co-signers, and the proposers of proposals merged into it (they join it as joint proposers).
/// </summary>
/// <remarks>
/// Exactly what a merger (并案) moves: the merged proposal's lead gets <c>proposal.merged</c> and its
/// co-signers <c>proposal.merged.cosigner</c> (its submission stays counted). On the surviving proposal
/// they are credited with the ".cosigner" variant of its key, excellent and answered outcomes, whether
/// those came before or after the merger; never with its registration, which their own
/// <c>proposal.merged</c> stands for. A member already among the survivor's proposers gains nothing twice.
/// </remarks>
public static class ProposalCredits
{
    public static TallyDelta Credit(CommitteeNetwork network, string member, DateTimeOffset now, string counter)
    {
        var unit = network.Get(member);
        return new TallyDelta(unit.Code, unit.Path, CivilTime.YearOf(now), counter, 1);
    }

    /// <summary>The plain counter to the lead, the ".cosigner" variant to every other proposer.</summary>
    public static IReadOnlyList<TallyDelta> Outcome(CommitteeNetwork network, ProposalState state, DateTimeOffset now, string counter) =>
        ToProposers(network, state.Proposers, now, counter);

    public static IReadOnlyList<TallyDelta> ToProposers(CommitteeNetwork network, IReadOnlyList<string> proposers, DateTimeOffset now, string counter) =>
        [.. proposers.Select((member, i) => Credit(network, member, now, i == 0 ? counter : ProposalCounters.ForCosigner(counter)))];

    /// <summary>What joining proposers get for the outcomes the surviving proposal has already reached.</summary>
    public static IReadOnlyList<TallyDelta> ForJoining(CommitteeNetwork network, ProposalState state, IEnumerable<string> joining, DateTimeOffset now)
    {
        var outcomes = new List<string>();
        if (state.Key)
        {
            outcomes.Add(ProposalCounters.Key);
        }

        if (state.Excellent)
        {
            outcomes.Add(ProposalCounters.Excellent);
        }

        if (state.Answer is { } answer)
        {
            outcomes.Add(ProposalCounters.Answered(answer.Class.ToString()[0]));
        }

        var existing = state.Proposers;
        return
        [
            .. joining.Distinct().Where(m => !existing.Contains(m))
                .SelectMany(m => outcomes.Select(o => Credit(network, m, now, ProposalCounters.ForCosigner(o)))),
        ];
    }
}
