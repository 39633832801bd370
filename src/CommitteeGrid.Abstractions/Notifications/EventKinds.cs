namespace CommitteeGrid.Abstractions.Notifications;

/// <summary>
/// The kinds of event that reach feeds and webhooks, and who each one is for. A webhook may subscribe to
/// any of these, or to a family with a trailing ".*" (e.g. "proposal.*").
/// </summary>
public static class EventKinds
{
    /// <summary>A report entered a committee's inbox → that committee's office.</summary>
    public const string ReportSubmitted = "report.submitted";

    /// <summary>→ lead author and co-authors.</summary>
    public const string ReportAdopted = "report.adopted";

    /// <summary>→ lead author, co-authors, and the office of the committee it was forwarded to.</summary>
    public const string ReportForwarded = "report.forwarded";

    /// <summary>→ lead author and co-authors.</summary>
    public const string ReportEndorsed = "report.endorsed";

    /// <summary>→ lead author and co-authors.</summary>
    public const string ReportDeclined = "report.declined";

    /// <summary>Returned for revision → lead author and co-authors.</summary>
    public const string ReportReturned = "report.returned";

    /// <summary>The author's revision came back → the office of the committee that returned it.</summary>
    public const string ReportRevised = "report.revised";

    /// <summary>A member is invited to co-sign (联名) → the invitee.</summary>
    public const string ProposalInvited = "proposal.invited";

    /// <summary>A proposal was submitted → the office of the committee it is before.</summary>
    public const string ProposalSubmitted = "proposal.submitted";

    /// <summary>Registered (立案) → all proposers.</summary>
    public const string ProposalRegistered = "proposal.registered";

    /// <summary>Not registered (不立案), with the reason → all proposers.</summary>
    public const string ProposalNotRegistered = "proposal.not_registered";

    /// <summary>Merged (并案) → all proposers of both proposals.</summary>
    public const string ProposalMerged = "proposal.merged";

    /// <summary>Answered by the handling units → all proposers.</summary>
    public const string ProposalAnswered = "proposal.answered";

    /// <summary>Assigned (交办) → each handling unit (lead and co-handling).</summary>
    public const string ProposalAssigned = "proposal.assigned";

    /// <summary>A handling unit handed it back (退回) → the office of the proposal's committee.</summary>
    public const string ProposalHandedBack = "proposal.handed_back";

    /// <summary>The answer is due soon → the handling unit.</summary>
    public const string ProposalDueSoon = "proposal.due_soon";

    /// <summary>The answer is overdue → the handling unit.</summary>
    public const string ProposalOverdue = "proposal.overdue";

    /// <summary>A member reported a duty of their own → the member's activity group, to confirm it.</summary>
    public const string DutyReported = "duty.reported";

    /// <summary>The group rejected a member's duty report → the member.</summary>
    public const string DutyRejected = "duty.rejected";

    public static IReadOnlyList<string> All { get; } =
    [
        ReportSubmitted, ReportAdopted, ReportForwarded, ReportEndorsed, ReportDeclined, ReportReturned, ReportRevised,
        ProposalInvited, ProposalSubmitted, ProposalRegistered, ProposalNotRegistered, ProposalMerged, ProposalAnswered,
        ProposalAssigned, ProposalHandedBack, ProposalDueSoon, ProposalOverdue, DutyReported, DutyRejected,
    ];
}
