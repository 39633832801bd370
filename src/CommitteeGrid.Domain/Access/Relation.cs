namespace CommitteeGrid.Domain.Access;

/// <summary>What a grant asks of the caller's scope and the unit a request concerns.</summary>
public enum Relation
{
    /// <summary>No user needed (health probes, the login page, login itself).</summary>
    Anonymous,

    /// <summary>Any signed-in user holding the role, whatever the target.</summary>
    Anywhere,

    /// <summary>The target is the caller's scope unit or below it.</summary>
    Within,
}
