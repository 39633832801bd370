using System.Text.RegularExpressions;
using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Domain.Access;
using CommitteeGrid.Domain.Network;

namespace CommitteeGrid.Domain.Users;

/// <summary>What makes an account well-formed: a safe name, a known role, a scope that fits the role.</summary>
public static partial class UserRules
{
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 200;

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    public static bool IsWellFormedName(string? name) => name is not null && NamePattern().IsMatch(name);

    /// <summary>Null when the account may exist, else what is wrong with it.</summary>
    public static string? Check(string name, string role, string scope, CommitteeNetwork network)
    {
        if (!IsWellFormedName(name))
        {
            return $"user name '{name}' must be 1-64 letters, digits or . _ @ -, starting with a letter or digit";
        }

        if (!Roles.IsKnown(role))
        {
            return $"role '{role}' is not one of {string.Join(", ", Roles.All)}";
        }

        if (network.Find(scope) is not { } unit)
        {
            return $"scope '{scope}' is not a unit of the network";
        }

        return role switch
        {
            Roles.Member when unit.Kind != UnitKind.Member => $"a member's scope is their own member code; '{scope}' is not a member",
            Roles.GroupLeader when unit.Kind != UnitKind.ActivityGroup => $"a group leader's scope is their activity group; '{scope}' is not one",
            Roles.Staff when unit.Kind != UnitKind.Committee => $"staff work for a committee; '{scope}' is not a committee",
            _ => null,
        };
    }

    public static string? CheckPassword(string password) =>
        password.Length is < MinPasswordLength or > MaxPasswordLength
            ? $"a password has {MinPasswordLength}-{MaxPasswordLength} characters"
            : null;
}
