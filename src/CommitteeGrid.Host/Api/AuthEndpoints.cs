using CommitteeGrid.Domain.Users;
using CommitteeGrid.Grains.Services;
using CommitteeGrid.Host.Pages;
using CommitteeGrid.Host.Security;

namespace CommitteeGrid.Host.Api;

/// <summary>Signing in: a bearer token for scripts, and the same token in an HttpOnly cookie for pages' GETs.</summary>
internal static class AuthEndpoints
{
    public static void MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/auth").WithTags("Sign-in");

        api.MapPost("/login", async (HttpContext http, IUserStore users, Passwords passwords, TokenIssuer tokens) =>
        {
            var (request, bad) = await JsonBody.Read<LoginRequest>(http.Request);
            if (bad is not null)
            {
                return bad;
            }

            if (string.IsNullOrEmpty(request!.Name) || string.IsNullOrEmpty(request.Password))
            {
                return Problems.Invalid("name and password are required");
            }

            var user = UserRules.IsWellFormedName(request.Name) ? await users.FindAsync(request.Name) : null;
            if (!passwords.Verify(user, request.Password))
            {
                // One answer for an unknown name and a wrong password: a refusal does not tell who exists.
                http.Response.Headers.WWWAuthenticate = "Bearer realm=\"committeegrid\"";
                return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed", detail: "the name or the password is wrong");
            }

            var issued = tokens.Issue(user!.Name, user.Role, user.Scope);
            http.Response.Cookies.Append(SecuritySetup.TokenCookie, issued.Token, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = http.Request.IsHttps,
                Path = "/",
                Expires = issued.ExpiresAt,
            });
            return Results.Ok(new
            {
                issued.Token,
                TokenType = "Bearer",
                issued.ExpiresAt,
                User = new { user.Name, user.Role, user.Scope },
            });
        }).WithName("Login").RequireAccess("auth.login");

        api.MapPost("/logout", (HttpContext http) =>
        {
            http.Response.Cookies.Delete(SecuritySetup.TokenCookie, new CookieOptions { Path = "/", SameSite = SameSiteMode.Strict, HttpOnly = true });
            return Results.NoContent();
        }).WithName("Logout").RequireAccess("auth.logout");

        api.MapGet("/me", (HttpContext http, NetworkCatalog catalog) =>
        {
            var caller = CallerClaims.Of(http.User)!;
            var scope = catalog.Network.Find(caller.Scope);
            return Results.Ok(new { Name = caller.UserId, caller.Role, caller.Scope, ScopeName = scope?.Name });
        }).WithName("WhoAmI").RequireAccess("auth.me");

        app.MapGet("/login", () => Results.Text(LoginPage.Html, "text/html; charset=utf-8"))
            .ExcludeFromDescription().WithName("LoginPage").RequireAccess("page.login");
    }
}

/// <summary>POST /api/auth/login.</summary>
public sealed record LoginRequest(string? Name, string? Password);
