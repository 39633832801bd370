using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Abstractions.Grains;
using CommitteeGrid.Domain.Ledger;
using CommitteeGrid.Domain.Proposals;
using Microsoft.Extensions.Logging;

namespace CommitteeGrid.Grains.Proposals;

/// <summary>
/// The numbering of one committee's session ("{committee}/{session}"): its ledger stream has one entry
/// per number with version = number. The ledger refuses a second entry with the same version, so even
/// two activations racing (a silo failing over) cannot give a number twice or skip one.
/// </summary>
public sealed class ProposalRegisterGrain(ILedger ledger, TimeProvider clock, ILogger<ProposalRegisterGrain> logger)
    : Grain, IProposalRegisterGrain
{
    private const int MaxAttempts = 10;

    private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);
    private long _version;

    private string Stream => NumberTaken.StreamOf(this.GetPrimaryKeyString());

    public override Task OnActivateAsync(CancellationToken cancellationToken) => CatchUp(cancellationToken);

    public async Task<int> Take(string proposalId)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (_numbers.TryGetValue(proposalId, out var held))
            {
                return held;
            }

            var number = (int)_version + 1;
            var taken = new NumberTaken(proposalId, number);
            var entry = new LedgerEntry(
                Stream, number, NumberTaken.Kind, taken.Serialize(),
                $"{Actor.System.UserId}:{Stream}/{proposalId}", RequestHash.Of("number", Stream, proposalId),
                Actor.System.UserId, Actor.System.Role, null, null, LedgerClock.Now(clock), null, []);
            var outcome = await ledger.AppendAsync(entry);
            if (outcome.Status == AppendStatus.Appended)
            {
                Apply(taken);
                return number;
            }

            // Taken by another activation, or this proposal's number landed unseen: read and look again.
            logger.LogInformation("Numbering {Stream}: {Status} at {Number}; catching up", Stream, outcome.Status, number);
            await CatchUp(CancellationToken.None);
        }

        throw new InvalidOperationException($"Could not give proposal {proposalId} a number in {Stream} after {MaxAttempts} attempts.");
    }

    public Task<int> Count() => Task.FromResult((int)_version);

    private async Task CatchUp(CancellationToken ct)
    {
        foreach (var entry in await ledger.ReadStreamAsync(Stream, _version, ct))
        {
            Apply(NumberTaken.Deserialize(entry.Payload));
        }
    }

    private void Apply(NumberTaken taken)
    {
        _numbers[taken.Proposal] = taken.Number;
        _version = taken.Number;
    }
}
