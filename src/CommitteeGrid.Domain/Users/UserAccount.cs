namespace CommitteeGrid.Domain.Users;

/// <summary>
/// A user who can sign in. Name is the login; Scope is a unit code (a member's own code for a member,
/// the group for a group leader, a committee for staff). PasswordHash is the standard hasher's output.
/// </summary>
public sealed record UserAccount(string Name, string Role, string Scope, string PasswordHash, DateTimeOffset CreatedAt);
