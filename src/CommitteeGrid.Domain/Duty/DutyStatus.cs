namespace CommitteeGrid.Domain.Duty;

/// <summary>Where a duty record stands.</summary>
public static class DutyStatus
{
    /// <summary>Recorded by the organiser: counted.</summary>
    public const string Recorded = "recorded";

    /// <summary>Reported by the member, awaiting the group's confirmation: not counted yet.</summary>
    public const string Pending = "pending";

    public const string Confirmed = "confirmed";

    public const string Rejected = "rejected";

    public static IReadOnlyList<string> All { get; } = [Recorded, Pending, Confirmed, Rejected];

    /// <summary>The states of self-reported records (what a group's book lists).</summary>
    public static IReadOnlyList<string> Reported { get; } = [Pending, Confirmed, Rejected];
}
