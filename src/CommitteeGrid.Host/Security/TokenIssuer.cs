using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CommitteeGrid.Host.Security;

/// <summary>Signs bearer tokens (JWT, HS256) and says how they are checked.</summary>
public sealed class TokenIssuer(SigningKey key, TimeProvider clock, TimeSpan lifetime)
{
    public const string Issuer = "committeegrid";
    public const string Audience = "committeegrid";

    private static readonly JsonWebTokenHandler Handler = new();

    public SigningKey Key => key;

    public IssuedToken Issue(string user, string role, string scope, TimeSpan? validFor = null)
    {
        var now = clock.GetUtcNow();
        var expires = now + (validFor ?? lifetime);
        var token = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = new Dictionary<string, object>
            {
                [CallerClaims.User] = user,
                [CallerClaims.Role] = role,
                [CallerClaims.Scope] = scope,
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
            },
            SigningCredentials = new SigningCredentials(key.SecurityKey, SecurityAlgorithms.HmacSha256),
        });
        return new IssuedToken(token, expires);
    }

    /// <summary>Only HS256 with this key, this issuer and audience, an expiry, and little clock skew.</summary>
    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = key.SecurityKey,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = CallerClaims.User,
        RoleClaimType = CallerClaims.Role,
    };
}

public sealed record IssuedToken(string Token, DateTimeOffset ExpiresAt);
