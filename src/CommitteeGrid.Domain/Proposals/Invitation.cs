namespace CommitteeGrid.Domain.Proposals;

/// <summary>A co-signer invitation as a proposal holds it.</summary>
public sealed class Invitation(string member, DateTimeOffset invitedAt)
{
    public const string Pending = "pending";
    public const string Accepted = "accepted";
    public const string Declined = "declined";
    public const string Lapsed = "lapsed";

    public string Member { get; } = member;

    public DateTimeOffset InvitedAt { get; } = invitedAt;

    public string Answer { get; set; } = Pending;

    public DateTimeOffset? AnsweredAt { get; set; }

    public bool IsPending => Answer == Pending;
}
