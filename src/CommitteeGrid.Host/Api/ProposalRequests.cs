using CommitteeGrid.Abstractions.Proposals;

namespace CommitteeGrid.Host.Api;

/// <summary>POST /api/proposals: a member drafts a proposal (Lead is the member's code).</summary>
public sealed record DraftProposalRequest(string? Lead, string? Title, string? Body);

/// <summary>POST /api/proposals/{id}/invitations. Deadline (an instant with offset) is required with the first invitation.</summary>
public sealed record InviteRequest(string? Lead, IReadOnlyList<string>? Members, DateTimeOffset? Deadline);

/// <summary>POST /api/proposals/{id}/signatures: an invited member signs (accept: true) or declines.</summary>
public sealed record SignRequest(string? Member, bool? Accept);

/// <summary>POST /api/proposals/{id}/submission.</summary>
public sealed record SubmitProposalRequest(string? Lead);

/// <summary>POST /api/proposals/{id}/withdrawal.</summary>
public sealed record WithdrawProposalRequest(string? Lead, string? Reason);

/// <summary>POST /api/proposals/{id}/review: the proposal office's decision.</summary>
public sealed record ReviewProposalRequest(
    string? Committee,
    ReviewAction? Action,
    string? Reason,
    string? Into,
    string? LeadingLeader,
    bool? ToReport,
    string? ReportBody);

/// <summary>
/// POST /api/proposals/{id}/assignment. The answer is due at the end of DueDate (China time), at DueAt
/// exactly, or after the committee's answer period when neither is given.
/// </summary>
public sealed record AssignProposalRequest(string? Committee, string? LeadUnit, IReadOnlyList<string>? CoUnits, DateOnly? DueDate, DateTimeOffset? DueAt);

/// <summary>POST /api/proposals/{id}/answers: class A, B or C from the lead unit; none from a co-handling unit.</summary>
public sealed record AnswerProposalRequest(string? Unit, AnswerClass? Class, string? Text);

/// <summary>POST /api/proposals/{id}/handback.</summary>
public sealed record HandBackProposalRequest(string? Unit, string? Reason);

/// <summary>POST /api/proposals/{id}/ratings.</summary>
public sealed record RateProposalRequest(string? Member, Satisfaction? Rating);
