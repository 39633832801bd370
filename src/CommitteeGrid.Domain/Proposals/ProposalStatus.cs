namespace CommitteeGrid.Domain.Proposals;

/// <summary>Where a proposal stands (the words used in the API and register filters).</summary>
public static class ProposalStatus
{
    public const string Draft = "draft";
    public const string Signing = "signing";
    public const string SigningClosed = "signing_closed";
    public const string Submitted = "submitted";
    public const string Withdrawn = "withdrawn";
    public const string Registered = "registered";
    public const string NotRegistered = "not_registered";
    public const string Merged = "merged";
    public const string Assigned = "assigned";
    public const string HandedBack = "handed_back";
    public const string Answered = "answered";
    public const string Closed = "closed";

    public static IReadOnlyList<string> All { get; } =
    [
        Draft, Signing, SigningClosed, Submitted, Withdrawn, Registered, NotRegistered, Merged,
        Assigned, HandedBack, Answered, Closed,
    ];

    /// <summary>The states a submitted proposal can be in: what a committee's register lists.</summary>
    public static IReadOnlyList<string> InRegister { get; } =
        [Submitted, Withdrawn, Registered, NotRegistered, Merged, Assigned, HandedBack, Answered, Closed];

    /// <summary>Registered and still open for marking key or absorbing a merged proposal.</summary>
    public static bool IsRegisteredOpen(string status) => status is Registered or Assigned or HandedBack or Answered;
}
