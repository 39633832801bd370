namespace CommitteeGrid.Domain.Access;

/// <summary>An authenticated user as the policy sees them: who, in which role, over which subtree.</summary>
public sealed record Caller(string UserId, string Role, string Scope);
