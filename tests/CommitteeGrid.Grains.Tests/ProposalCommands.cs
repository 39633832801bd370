using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Abstractions.Grains;

namespace CommitteeGrid.Grains.Tests;

/// <summary>Sends proposal commands as a client would: a fresh key per command, retried with the same key if the cluster fails it in transit.</summary>
internal static class ProposalCommands
{
    public static CommandMeta Meta(string actor, string role = "member") => new(Guid.NewGuid().ToString("N"), new Actor(actor, role, null, null));

    public static async Task<CommandResult> Send(IProposalGrain grain, CommandMeta meta, Func<IProposalGrain, CommandMeta, Task<CommandResult>> call)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var result = await call(grain, meta);
                if (result.Rejection?.Kind != RejectionKind.Unavailable || attempt >= 20)
                {
                    return result;
                }
            }
            catch (Exception) when (attempt < 20)
            {
                // Failed in transit; the same key makes the retry safe.
            }

            await Task.Delay(50 * (attempt + 1));
        }
    }

    /// <summary>Sends and fails the test when the command is refused.</summary>
    public static async Task<Receipt> Must(IProposalGrain grain, string actor, Func<IProposalGrain, CommandMeta, Task<CommandResult>> call, string role = "member")
    {
        var result = await Send(grain, Meta(actor, role), call);
        Assert.True(result.Accepted, $"{grain.GetPrimaryKeyString()}: refused: {result.Rejection}");
        return result.Receipt!;
    }
}
