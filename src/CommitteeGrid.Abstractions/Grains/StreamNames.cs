namespace CommitteeGrid.Abstractions.Grains;

/// <summary>
/// Stream provider and namespaces. Tallies go up on the parent's stream (the key is the parent's code);
/// one namespace per receiving grain type because an implicit subscription binds a namespace to a type.
/// </summary>
public static class StreamNames
{
    public const string Provider = "cg";

    public const string MemberTallies = "tally.member";
    public const string GroupTallies = "tally.group";
    public const string OfficeTallies = "tally.office";
    public const string CommitteeTallies = "tally.committee";

    /// <summary>Reports arriving in (or changing in) a committee's review inbox.</summary>
    public const string Inbox = "inbox";

    /// <summary>
    /// What happened that concerns someone (a <c>DomainEvent</c>), keyed by the recipient's member or unit
    /// code; each recipient's notification feed is implicitly subscribed.
    /// </summary>
    public const string Events = "events";
}
