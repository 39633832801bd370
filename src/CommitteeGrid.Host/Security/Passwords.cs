using CommitteeGrid.Domain.Users;
using Microsoft.AspNetCore.Identity;

namespace CommitteeGrid.Host.Security;

/// <summary>Password hashing with ASP.NET Core's standard hasher (PBKDF2, per-password salt, versioned format).</summary>
public sealed class Passwords
{
    private static readonly UserAccount Nobody = new("", "", "", "", DateTimeOffset.MinValue);
    private readonly PasswordHasher<UserAccount> _hasher = new();
    private readonly string _decoy;

    public Passwords()
    {
        _decoy = _hasher.HashPassword(Nobody, Guid.NewGuid().ToString("N"));
    }

    public string Hash(string name, string password) => _hasher.HashPassword(Nobody with { Name = name }, password);

    /// <summary>
    /// True when <paramref name="password"/> is the user's. An unknown user is checked against a decoy
    /// hash, so the answer takes as long as for a known one and timing does not tell who exists.
    /// </summary>
    public bool Verify(UserAccount? user, string password)
    {
        var result = _hasher.VerifyHashedPassword(user ?? Nobody, user?.PasswordHash ?? _decoy, password);
        return user is not null && result != PasswordVerificationResult.Failed;
    }
}
