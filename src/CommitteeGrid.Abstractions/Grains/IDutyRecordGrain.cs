using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Abstractions.Duty;

namespace CommitteeGrid.Abstractions.Grains;

/// <summary>One duty record (履职登记), keyed by its id.</summary>
public interface IDutyRecordGrain : IGrainWithStringKey
{
    Task<CommandResult> Record(CommandMeta meta, RecordDuty command);

    Task<CommandResult> Confirm(CommandMeta meta, ConfirmDuty command);

    Task<DutyRecordView?> GetView();

    /// <summary>The record as its member's group book shows it; null for organiser-recorded attendance.</summary>
    Task<DutyBookItem?> GetBookItem();
}
