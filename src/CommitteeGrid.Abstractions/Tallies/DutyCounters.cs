using CommitteeGrid.Abstractions.Duty;

namespace CommitteeGrid.Abstractions.Tallies;

/// <summary>
/// Counted duty records (履职登记), credited to the member. Attendance counts sessions attended
/// (a plenary half-day, a meeting, an activity); the others count records confirmed.
/// </summary>
/// <remarks>
/// Whether a member has done the "six ones" (六个一) is not a counter: it is read from the member's
/// counters for the year (SixOnes in the domain), so it never disagrees with them and needs no entry of
/// its own in the ledger. Units count their complete members at read time.
/// </remarks>
public static class DutyCounters
{
    public const string PlenaryAttended = "duty.plenary";
    public const string StandingMeetingAttended = "duty.standing";
    public const string ActivityAttended = "duty.activity";
    public const string Inspection = "duty.inspection";
    public const string HouseholdContact = "duty.household";
    public const string PracticalDeed = "duty.deed";
    public const string ReportBack = "duty.reportback";

    public static IReadOnlyList<string> All { get; } =
    [
        PlenaryAttended, StandingMeetingAttended, ActivityAttended, Inspection,
        HouseholdContact, PracticalDeed, ReportBack,
    ];

    /// <summary>The counter a record of this kind credits.</summary>
    public static string For(DutyKind kind) => kind switch
    {
        DutyKind.Plenary => PlenaryAttended,
        DutyKind.Standing => StandingMeetingAttended,
        DutyKind.Activity => ActivityAttended,
        DutyKind.Inspection => Inspection,
        DutyKind.Household => HouseholdContact,
        DutyKind.Deed => PracticalDeed,
        DutyKind.ReportBack => ReportBack,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown duty kind"),
    };
}
