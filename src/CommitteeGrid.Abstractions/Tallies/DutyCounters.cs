namespace CommitteeGrid.Abstractions.Tallies;

/// <summary>
/// Counted duty records (履职登记), credited to the member. Attendance counts sessions attended
/// (a plenary half-day, a meeting, an activity); the others count records confirmed.
/// </summary>
public static class DutyCounters
{
    public const string PlenaryAttended = "duty.plenary";
    public const string StandingMeetingAttended = "duty.standing";
    public const string ActivityAttended = "duty.activity";
    public const string Inspection = "duty.inspection";
    public const string HouseholdContact = "duty.household";
    public const string PracticalDeed = "duty.deed";
    public const string ReportBack = "duty.reportback";

    /// <summary>Credited once per member and year when the six ones (六个一) are all done.</summary>
    public const string SixOnesCompleted = "duty.six_ones";

    public static IReadOnlyList<string> All { get; } =
    [
        PlenaryAttended, StandingMeetingAttended, ActivityAttended, Inspection,
        HouseholdContact, PracticalDeed, ReportBack, SixOnesCompleted,
    ];
}
