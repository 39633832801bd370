using CommitteeGrid.Abstractions.Proposals;

namespace CommitteeGrid.Domain.Proposals;

/// <summary>One handling unit's part in a proposal in one assignment round.</summary>
public sealed class UnitAssignment(string unit, bool isLead, int round, DateTimeOffset assignedAt, DateTimeOffset dueAt)
{
    public const string LeadRole = "lead";
    public const string CoRole = "co";

    public string Unit { get; } = unit;

    public bool IsLead { get; } = isLead;

    public int Round { get; } = round;

    public DateTimeOffset AssignedAt { get; } = assignedAt;

    public DateTimeOffset DueAt { get; } = dueAt;

    /// <summary>Still expected to answer: not answered, not handed back, the proposal not yet settled.</summary>
    public bool Active { get; set; } = true;

    public DateTimeOffset? AnsweredAt { get; set; }

    public string? Opinion { get; set; }

    public DateTimeOffset? HandedBackAt { get; set; }

    public bool DueSoonWarned { get; set; }

    public bool OverdueWarned { get; set; }

    /// <summary>When the due-soon warning is due, or null when the assignment began inside the warning window.</summary>
    public DateTimeOffset? WarnAt(int dueSoonDays)
    {
        var warn = DueAt.AddDays(-dueSoonDays);
        return dueSoonDays > 0 && warn > AssignedAt ? warn : null;
    }

    public UnitAssignmentView ToView() =>
        new(Unit, IsLead ? LeadRole : CoRole, Round, AssignedAt, DueAt, AnsweredAt, HandedBackAt, Active);
}
