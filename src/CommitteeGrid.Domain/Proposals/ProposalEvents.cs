using System.Text.Json.Serialization;
using CommitteeGrid.Abstractions.Proposals;

namespace CommitteeGrid.Domain.Proposals;

/// <summary>
/// What happened to a proposal; stored as the payload of its ledger entries. Each names the people or
/// units it concerns, so a notifier reading the ledger knows whom to tell without folding the stream.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(ProposalDrafted), "drafted")]
[JsonDerivedType(typeof(ProposalInvited), "invited")]
[JsonDerivedType(typeof(ProposalSigned), "signed")]
[JsonDerivedType(typeof(ProposalSigningClosed), "signing_closed")]
[JsonDerivedType(typeof(ProposalSubmitted), "submitted")]
[JsonDerivedType(typeof(ProposalWithdrawn), "withdrawn")]
[JsonDerivedType(typeof(ProposalRegistered), "registered")]
[JsonDerivedType(typeof(ProposalNotRegistered), "not_registered")]
[JsonDerivedType(typeof(ProposalMerged), "merged")]
[JsonDerivedType(typeof(ProposalAbsorbed), "absorbed")]
[JsonDerivedType(typeof(ProposalMarkedKey), "key")]
[JsonDerivedType(typeof(ProposalMarkedExcellent), "excellent")]
[JsonDerivedType(typeof(ProposalAssigned), "assigned")]
[JsonDerivedType(typeof(ProposalHandedBack), "handed_back")]
[JsonDerivedType(typeof(ProposalCoAnswered), "co_answered")]
[JsonDerivedType(typeof(ProposalAnswered), "answered")]
[JsonDerivedType(typeof(ProposalRated), "rated")]
[JsonDerivedType(typeof(ProposalClosed), "closed")]
[JsonDerivedType(typeof(ProposalDueSoon), "due_soon")]
[JsonDerivedType(typeof(ProposalOverdue), "overdue")]
public abstract record ProposalEvent
{
    /// <summary>The ledger's name for the event, e.g. "proposal.registered".</summary>
    [JsonIgnore]
    public abstract string Kind { get; }
}

public sealed record ProposalDrafted(string Lead, string Committee, string Title, string Body) : ProposalEvent
{
    public override string Kind => "proposal.drafted";
}

/// <summary>Members invited to co-sign (联名), with the signing deadline in force.</summary>
public sealed record ProposalInvited(IReadOnlyList<string> Members, DateTimeOffset Deadline) : ProposalEvent
{
    public override string Kind => "proposal.invited";
}

public sealed record ProposalSigned(string Member, bool Accepted) : ProposalEvent
{
    public override string Kind => Accepted ? "proposal.signed" : "proposal.sign_declined";
}

/// <summary>The signing deadline passed; invitations still open lapsed.</summary>
public sealed record ProposalSigningClosed(IReadOnlyList<string> Lapsed) : ProposalEvent
{
    public override string Kind => "proposal.signing_closed";
}

/// <summary>Submitted to the committee, with the co-signers who signed and the invitations that lapsed.</summary>
public sealed record ProposalSubmitted(
    string Session,
    string SessionName,
    bool DuringPlenary,
    IReadOnlyList<string> Cosigners,
    IReadOnlyList<string> Lapsed) : ProposalEvent
{
    public override string Kind => "proposal.submitted";
}

public sealed record ProposalWithdrawn(string? Reason) : ProposalEvent
{
    public override string Kind => "proposal.withdrawn";
}

/// <summary>立案 with its number in the committee's session.</summary>
public sealed record ProposalRegistered(string Session, int Number, string NumberText, IReadOnlyList<string> Proposers) : ProposalEvent
{
    public override string Kind => "proposal.registered";
}

/// <summary>不立案; ReportId names the information report it was turned into, if any.</summary>
public sealed record ProposalNotRegistered(string Reason, string? ReportId, string? ReportBody, IReadOnlyList<string> Proposers) : ProposalEvent
{
    public override string Kind => "proposal.not_registered";
}

/// <summary>并案: merged into the registered proposal Into.</summary>
public sealed record ProposalMerged(string Into, IReadOnlyList<string> Proposers) : ProposalEvent
{
    public override string Kind => "proposal.merged";
}

/// <summary>On the surviving proposal: the merged proposal From and the proposers who joined with it.</summary>
public sealed record ProposalAbsorbed(string From, string Lead, IReadOnlyList<string> Cosigners) : ProposalEvent
{
    public override string Kind => "proposal.absorbed";
}

public sealed record ProposalMarkedKey(string? LeadingLeader) : ProposalEvent
{
    public override string Kind => "proposal.key";
}

public sealed record ProposalMarkedExcellent : ProposalEvent
{
    public override string Kind => "proposal.excellent";
}

/// <summary>交办 in assignment round Round: one lead unit (主办), co-handling units (会办), answers due by DueAt.</summary>
public sealed record ProposalAssigned(string LeadUnit, IReadOnlyList<string> CoUnits, DateTimeOffset DueAt, int Round) : ProposalEvent
{
    public override string Kind => "proposal.assigned";
}

/// <summary>A unit handed the proposal back. When the lead unit does, the whole assignment goes back to the office.</summary>
public sealed record ProposalHandedBack(string Unit, string Reason, bool Whole) : ProposalEvent
{
    public override string Kind => "proposal.handed_back";
}

/// <summary>A co-handling unit's opinion (会办意见).</summary>
public sealed record ProposalCoAnswered(string Unit, string Text) : ProposalEvent
{
    public override string Kind => "proposal.co_answered";
}

/// <summary>The lead unit's answer, classed A, B or C; it settles the proposal.</summary>
public sealed record ProposalAnswered(string Unit, AnswerClass Class, string Text, IReadOnlyList<string> Proposers) : ProposalEvent
{
    public override string Kind => "proposal.answered";
}

public sealed record ProposalRated(string Member, Satisfaction Rating) : ProposalEvent
{
    public override string Kind => "proposal.rated";
}

/// <summary>Closed by the office although some proposers had not rated (Unrated).</summary>
public sealed record ProposalClosed(string? Reason, IReadOnlyList<string> Unrated) : ProposalEvent
{
    public override string Kind => "proposal.closed";
}

/// <summary>A unit's answer falls due soon (a warning recorded once per unit and round).</summary>
public sealed record ProposalDueSoon(string Unit, int Round, DateTimeOffset DueAt) : ProposalEvent
{
    public override string Kind => "proposal.due_soon";
}

/// <summary>A unit's answer is overdue (recorded once per unit and round).</summary>
public sealed record ProposalOverdue(string Unit, int Round, DateTimeOffset DueAt) : ProposalEvent
{
    public override string Kind => "proposal.overdue";
}
