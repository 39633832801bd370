using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Abstractions.Reports;

namespace CommitteeGrid.Abstractions.Grains;

/// <summary>One information report (社情民意信息), keyed by its id.</summary>
public interface IInfoReportGrain : IGrainWithStringKey
{
    Task<CommandResult> Submit(CommandMeta meta, SubmitInfoReport command);

    Task<CommandResult> Act(CommandMeta meta, ActOnInfoReport command);

    Task<CommandResult> Revise(CommandMeta meta, ReviseInfoReport command);

    /// <summary>The report with its history, or null when it was never submitted.</summary>
    Task<InfoReportView?> GetView();

    /// <summary>How the report stands at one committee, or null when it never reached it.</summary>
    Task<InboxItem?> GetInboxItem(string committee);
}
