using CommitteeGrid.Abstractions.Duty;

namespace CommitteeGrid.Host.Api;

/// <summary>
/// POST /api/duty-records: organiser with attendees (counted at once), or member (the member's own report,
/// counted when the group confirms it).
/// </summary>
public sealed record RecordDutyRequest(
    DutyKind? Kind,
    string? Title,
    DateOnly? Date,
    string? Organiser,
    IReadOnlyList<string>? Attendees,
    string? Member,
    int? Count);

/// <summary>POST /api/duty-records/{id}/confirmation: the member's activity group confirms (or rejects, with a reason).</summary>
public sealed record ConfirmDutyRequest(string? Group, bool? Confirm, string? Reason);
