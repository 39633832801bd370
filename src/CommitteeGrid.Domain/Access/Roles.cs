namespace CommitteeGrid.Domain.Access;

/// <summary>The roles a user can hold. A user has one role and one scope (a unit code).</summary>
public static class Roles
{
    /// <summary>政协委员: acts on their own submissions; scope is their member code.</summary>
    public const string Member = "member";

    /// <summary>活动组组长: reads their activity group, confirms its members' duty records; scope is the group.</summary>
    public const string GroupLeader = "groupleader";

    /// <summary>Committee office staff: reviews, adopts and forwards within their committee's subtree.</summary>
    public const string Staff = "staff";

    /// <summary>Reads a subtree, changes nothing.</summary>
    public const string Viewer = "viewer";

    /// <summary>Runs the cluster: dashboard and health, not members' submissions.</summary>
    public const string Operator = "operator";

    public static IReadOnlyList<string> All { get; } = [Member, GroupLeader, Staff, Viewer, Operator];

    public static bool IsKnown(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);
}
