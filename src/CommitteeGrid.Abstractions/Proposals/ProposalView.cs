namespace CommitteeGrid.Abstractions.Proposals;

/// <summary>A proposal with everything that happened to it.</summary>
[GenerateSerializer, Immutable, Alias("cg.ProposalView")]
public sealed record ProposalView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Lead,
    [property: Id(2)] string Committee,
    [property: Id(3)] string Title,
    [property: Id(4)] string Body,
    [property: Id(5)] string Status,
    [property: Id(6)] DateTimeOffset DraftedAt,
    [property: Id(7)] DateTimeOffset? SigningDeadline,
    [property: Id(8)] IReadOnlyList<InvitationView> Invitations,
    [property: Id(9)] IReadOnlyList<string> Cosigners,
    [property: Id(10)] DateTimeOffset? SubmittedAt,
    [property: Id(11)] string? Session,
    [property: Id(12)] bool DuringPlenary,
    [property: Id(13)] int? Number,
    [property: Id(14)] string? NumberText,
    [property: Id(15)] string? Reason,
    [property: Id(16)] string? ReportId,
    [property: Id(17)] string? MergedInto,
    [property: Id(18)] IReadOnlyList<AbsorbedView> Absorbed,
    [property: Id(19)] bool Key,
    [property: Id(20)] string? LeadingLeader,
    [property: Id(21)] bool Excellent,
    [property: Id(22)] IReadOnlyList<UnitAssignmentView> Units,
    [property: Id(23)] AnswerView? Answer,
    [property: Id(24)] IReadOnlyList<RatingView> Ratings,
    [property: Id(25)] long Version,
    [property: Id(26)] IReadOnlyList<ProposalHistoryEntry> History);

/// <summary>A co-signer invitation and its answer: pending, accepted, declined or lapsed.</summary>
[GenerateSerializer, Immutable, Alias("cg.InvitationView")]
public sealed record InvitationView(
    [property: Id(0)] string Member,
    [property: Id(1)] string Answer,
    [property: Id(2)] DateTimeOffset InvitedAt,
    [property: Id(3)] DateTimeOffset? AnsweredAt);

/// <summary>A proposal merged into this one (并案), with the proposers it brought.</summary>
[GenerateSerializer, Immutable, Alias("cg.AbsorbedView")]
public sealed record AbsorbedView(
    [property: Id(0)] string ProposalId,
    [property: Id(1)] string Lead,
    [property: Id(2)] IReadOnlyList<string> Cosigners);

/// <summary>The lead handling unit's answer.</summary>
[GenerateSerializer, Immutable, Alias("cg.AnswerView")]
public sealed record AnswerView(
    [property: Id(0)] string Unit,
    [property: Id(1)] AnswerClass Class,
    [property: Id(2)] string Text,
    [property: Id(3)] DateTimeOffset At);

[GenerateSerializer, Immutable, Alias("cg.RatingView")]
public sealed record RatingView(
    [property: Id(0)] string Member,
    [property: Id(1)] Satisfaction Rating,
    [property: Id(2)] DateTimeOffset At);

/// <summary>One step of a proposal's history: what, who, when.</summary>
[GenerateSerializer, Immutable, Alias("cg.ProposalHistoryEntry")]
public sealed record ProposalHistoryEntry(
    [property: Id(0)] long Version,
    [property: Id(1)] string Event,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string Actor,
    [property: Id(4)] string Role,
    [property: Id(5)] string? Detail);
