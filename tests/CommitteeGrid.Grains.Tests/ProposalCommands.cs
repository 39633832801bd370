using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Abstractions.Grains;

namespace CommitteeGrid.Grains.Tests;

/// <summary>
/// Sends proposal commands with a fresh key each. No retries: in a healthy cluster a command that throws
/// or answers "unavailable" is a fault the test must see, not one a retry should hide.
/// </summary>
internal static class ProposalCommands
{
    public static CommandMeta Meta(string actor, string role = "member") => new(Guid.NewGuid().ToString("N"), new Actor(actor, role, null, null));

    public static Task<CommandResult> Send(IProposalGrain grain, CommandMeta meta, Func<IProposalGrain, CommandMeta, Task<CommandResult>> call) =>
        call(grain, meta);

    /// <summary>Sends and fails the test when the command is refused.</summary>
    public static async Task<Receipt> Must(IProposalGrain grain, string actor, Func<IProposalGrain, CommandMeta, Task<CommandResult>> call, string role = "member")
    {
        var result = await Send(grain, Meta(actor, role), call);
        Assert.True(result.Accepted, $"{grain.GetPrimaryKeyString()}: refused: {result.Rejection}");
        Assert.False(result.Replayed, $"{grain.GetPrimaryKeyString()}: a fresh key was answered as a replay");
        return result.Receipt!;
    }
}
