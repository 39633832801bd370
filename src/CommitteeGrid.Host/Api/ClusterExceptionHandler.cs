using Microsoft.AspNetCore.Diagnostics;

namespace CommitteeGrid.Host.Api;

/// <summary>
/// A grain call that fails in transit (a silo joining or leaving, a timeout) is not the caller's fault
/// and not a bug: answer 503 with Retry-After, since a retry with the same Idempotency-Key is safe.
/// </summary>
internal sealed class ClusterExceptionHandler(ILogger<ClusterExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is BadHttpRequestException bad)
        {
            await Problems.Invalid(bad.Message).ExecuteAsync(http);
            return true;
        }

        if (exception is not (OrleansException or TimeoutException or OperationCanceledException))
        {
            return false;
        }

        logger.LogWarning(exception, "{Method} {Path} failed in the cluster; answered 503", http.Request.Method, http.Request.Path);
        http.Response.Headers.RetryAfter = "1";
        await Problems.Of(Abstractions.Commands.RejectionKind.Unavailable,
            "the cluster could not complete the request right now (a silo may be joining or leaving); retry, with the same Idempotency-Key for a command").ExecuteAsync(http);
        return true;
    }
}
