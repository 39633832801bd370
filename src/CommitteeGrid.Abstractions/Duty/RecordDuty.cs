namespace CommitteeGrid.Abstractions.Duty;

/// <summary>
/// A duty record. Either recorded by whoever organised it (谁组织谁记录: Organiser is a committee, liaison
/// office or activity group, Attendees the members present; counted at once), or reported by the member
/// (Member; counted once the member's group leader confirms it). Count is the number of plenary
/// half-days or sessions it stands for (1 unless given).
/// </summary>
[GenerateSerializer, Immutable, Alias("cg.RecordDuty")]
public sealed record RecordDuty(
    [property: Id(0)] DutyKind Kind,
    [property: Id(1)] string Title,
    [property: Id(2)] DateOnly Date,
    [property: Id(3)] string? Organiser,
    [property: Id(4)] IReadOnlyList<string> Attendees,
    [property: Id(5)] string? Member,
    [property: Id(6)] int Count = 1);
