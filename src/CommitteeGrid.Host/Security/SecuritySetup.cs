using System.Globalization;
using System.Threading.RateLimiting;
using CommitteeGrid.Domain.Access;
using CommitteeGrid.Host.Api;
using CommitteeGrid.Host.Hosting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace CommitteeGrid.Host.Security;

/// <summary>Authentication (bearer tokens, the cookie for GETs), rate limits and the access gate, wired once.</summary>
internal static class SecuritySetup
{
    public const string TokenCookie = "cg_token";

    public static void AddSecurity(this WebApplicationBuilder builder, CommitteeGridOptions options)
    {
        var key = SigningKey.Resolve(options.SigningKey, options.UsesPostgres);
        var issuer = new TokenIssuer(key, TimeProvider.System, options.TokenLifetime);
        builder.Services.AddSingleton(key);
        builder.Services.AddSingleton(issuer);
        builder.Services.AddSingleton<Passwords>();
        builder.Services.AddSingleton(AccessPolicy.Default);
        builder.Services.AddSingleton<AccessGate>();

        builder.Services
            .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = issuer.ValidationParameters();
                jwt.Events = new JwtBearerEvents
                {
                    OnMessageReceived = context =>
                    {
                        // EventSource cannot send headers, so pages read with the login cookie. Only GETs:
                        // a state change must carry the Authorization header, which a cross-site form cannot.
                        var request = context.Request;
                        if (!request.Headers.ContainsKey("Authorization")
                            && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                            && request.Cookies.TryGetValue(TokenCookie, out var cookie))
                        {
                            context.Token = cookie;
                        }

                        return Task.CompletedTask;
                    },
                    OnChallenge = async context =>
                    {
                        context.HandleResponse();
                        var (header, detail) = Explain(context);
                        context.Response.Headers.WWWAuthenticate = header;
                        await Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in required", detail: detail)
                            .ExecuteAsync(context.HttpContext);
                    },
                };
            });

        builder.Services.Configure<RateLimitOptions>(builder.Configuration.GetSection("RateLimit"));
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var limits = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<RateLimitOptions>>().Value;
                var caller = CallerClaims.Of(http.User);
                var (partition, permits) = caller is not null
                    ? ("user:" + caller.UserId, limits.PermitsPerWindow)
                    : ("addr:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"), limits.AnonymousPermitsPerWindow);
                return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, permits),
                    Window = limits.Window,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            limiter.OnRejected = async (context, ct) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
                    : 1;
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var who = CallerClaims.Of(context.HttpContext.User) is { } caller ? $"user {caller.UserId}" : "this address";
                await Results.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many requests",
                    detail: $"{who} sent more requests than allowed in the current window; retry after {seconds} s")
                    .ExecuteAsync(context.HttpContext);
            };
        });
    }

    public static void UseSecurity(this WebApplication app)
    {
        app.UseRouting();
        app.UseAuthentication();
        app.UseRateLimiter();
        var gate = app.Services.GetRequiredService<AccessGate>();
        app.Use(next => http => gate.InvokeAsync(http, next));
    }

    /// <summary>
    /// Fails start-up when an endpoint names an operation the policy does not know (a typo would
    /// otherwise refuse that endpoint to everybody at run time).
    /// </summary>
    public static void CheckOperations(this WebApplication app)
    {
        var policy = app.Services.GetRequiredService<AccessPolicy>();
        var unknown = ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(d => d.Endpoints)
            .Select(e => (Endpoint: e, Access: e.Metadata.GetMetadata<AccessMetadata>()))
            .Where(e => e.Access is not null && !policy.Knows(e.Access.Operation))
            .Select(e => $"{e.Endpoint.DisplayName} names '{e.Access!.Operation}'")
            .ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException($"Endpoints name operations the access policy does not know: {string.Join("; ", unknown)}. Add them to AccessPolicy.Default.");
        }
    }

    private static (string Header, string Detail) Explain(JwtBearerChallengeContext context)
    {
        const string Realm = "Bearer realm=\"committeegrid\"";
        if (context.AuthenticateFailure is null)
        {
            var cookieOnly = !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
                && context.Request.Cookies.ContainsKey(TokenCookie) && !context.Request.Headers.ContainsKey("Authorization");
            return (Realm, cookieOnly
                ? "a state-changing request must carry Authorization: Bearer <token>; the sign-in cookie is accepted for GET requests only"
                : "sign in first: send Authorization: Bearer <token> (POST /api/auth/login gives one)");
        }

        var why = context.AuthenticateFailure switch
        {
            SecurityTokenExpiredException expired => $"the token expired at {expired.Expires:yyyy-MM-dd HH:mm:ss} UTC",
            SecurityTokenNotYetValidException => "the token is not valid yet",
            SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "the token's signature does not verify with this service's key",
            SecurityTokenInvalidAlgorithmException => "the token is not signed with HS256",
            SecurityTokenInvalidIssuerException or SecurityTokenInvalidAudienceException => "the token was not issued for this service",
            _ => "the token is malformed or not signed",
        };
        return ($"{Realm}, error=\"invalid_token\", error_description=\"{why}\"", $"the bearer token was refused: {why}; sign in again (POST /api/auth/login)");
    }
}
