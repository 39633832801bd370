namespace CommitteeGrid.Api.Tests.Infrastructure;

/// <summary>Who a request is sent as: the fixture mints a token for this name, role and scope.</summary>
public sealed record TestUser(string Name, string Role, string Scope)
{
    public static TestUser Staff(string committee) => new($"staff-{committee}", "staff", committee);

    /// <summary>A member signs in under their own member code, which is also their scope.</summary>
    public static TestUser Member(string code) => new(code, "member", code);

    public static TestUser Viewer(string scope) => new($"viewer-{scope}", "viewer", scope);

    public static TestUser GroupLeader(string group) => new($"leader-{group}", "groupleader", group);

    public static TestUser Operator(string root) => new("operator", "operator", root);
}
