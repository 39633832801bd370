using System.Security.Cryptography;
using System.Text;
using CommitteeGrid.Abstractions.Commands;

namespace CommitteeGrid.Host.Api;

/// <summary>What every command endpoint needs from the HTTP request: who sends it and its idempotency key.</summary>
internal static class RequestContext
{
    public const string IdempotencyHeader = "Idempotency-Key";
    public const int MaxKeyLength = 100;

    /// <summary>The signed-in user as the ledger records them: who, in which role and scope, from which address.</summary>
    public static Actor ActorOf(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress?.ToString();
        return Security.CallerClaims.Of(http.User) is { } caller
            ? new Actor(caller.UserId, caller.Role, caller.Scope, address)
            : new Actor("anonymous", "anonymous", null, address);
    }

    /// <summary>The command's metadata, or a problem when the key is missing or malformed.</summary>
    public static (CommandMeta? Meta, IResult? Problem) MetaOf(HttpContext http)
    {
        var keys = http.Request.Headers[IdempotencyHeader];
        if (keys.Count == 0 || string.IsNullOrWhiteSpace(keys[0]))
        {
            return (null, Problems.Invalid($"the {IdempotencyHeader} header is required on every state-changing request (any unique string, e.g. a UUID; resend the same key to retry safely)"));
        }

        var key = keys[0]!;
        if (keys.Count > 1 || key.Length > MaxKeyLength || key.Any(c => c < 0x21 || c > 0x7e))
        {
            return (null, Problems.Invalid($"the {IdempotencyHeader} header must be one value of 1-{MaxKeyLength} printable ASCII characters without spaces"));
        }

        return (new CommandMeta(key, ActorOf(http)), null);
    }

    /// <summary>
    /// A new report's id comes from its submitter and idempotency key, so a retried submission lands on
    /// the same report grain, which recognises the key and answers with the first result.
    /// </summary>
    public static string NewReportId(CommandMeta meta) =>
        "R" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(meta.ScopedKey)))[..20];

    /// <summary>A new proposal's id (P…) or duty record's (D…), derived like a report's.</summary>
    public static string NewId(char prefix, CommandMeta meta) => Domain.Proposals.ProposalIds.FromKey(prefix, meta.ScopedKey);

    public static bool IsReportId(string id) =>
        id.Length == 21 && id[0] == 'R' && id.Skip(1).All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}
