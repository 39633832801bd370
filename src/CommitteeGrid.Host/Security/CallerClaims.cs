using System.Security.Claims;
using CommitteeGrid.Domain.Access;

namespace CommitteeGrid.Host.Security;

/// <summary>The claims a CommitteeGrid token carries, and the caller they describe.</summary>
public static class CallerClaims
{
    public const string User = "sub";
    public const string Role = "role";
    public const string Scope = "cg_scope";

    /// <summary>The signed-in caller, or null when the request carries no valid token.</summary>
    public static Caller? Of(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var user = principal.FindFirstValue(User);
        var role = principal.FindFirstValue(Role);
        var scope = principal.FindFirstValue(Scope);
        return user is null || role is null || scope is null ? null : new Caller(user, role, scope);
    }
}
