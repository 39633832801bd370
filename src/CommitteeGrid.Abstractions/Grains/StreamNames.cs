namespace CommitteeGrid.Abstractions.Grains;

/// <summary>
/// Stream provider and namespaces. Tallies go up on the parent's stream (the key is the parent's code);
/// one namespace per receiving grain type because an implicit subscription binds a namespace to a type.
/// Members are credited by call (<see cref="IMemberGrain.Credit"/>), so there is no namespace for them.
/// </summary>
public static class StreamNames
{
    public const string Provider = "cg";

    public const string GroupTallies = "tally.group";
    public const string OfficeTallies = "tally.office";
    public const string CommitteeTallies = "tally.committee";

    /// <summary>Reports arriving in (or changing in) a committee's review inbox.</summary>
    public const string Inbox = "inbox";

    /// <summary>Proposals arriving in (or changing in) a committee's proposal register; keyed by the committee.</summary>
    public const string ProposalRegister = "proposals";

    /// <summary>Proposals assigned to (or changing for) a handling unit; keyed by the unit.</summary>
    public const string HandlingQueue = "handling";

    /// <summary>Self-reported duty records for a group to confirm; keyed by the activity group.</summary>
    public const string DutyBook = "duty";
}
