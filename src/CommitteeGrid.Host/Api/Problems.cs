using CommitteeGrid.Abstractions.Commands;

namespace CommitteeGrid.Host.Api;

/// <summary>RFC 7807 answers that say what is wrong.</summary>
internal static class Problems
{
    public static IResult Of(RejectionKind kind, string detail) => Results.Problem(
        detail: detail,
        statusCode: (int)kind,
        title: kind switch
        {
            RejectionKind.Invalid => "The request is not valid",
            RejectionKind.Forbidden => "Not allowed",
            RejectionKind.NotFound => "Not found",
            RejectionKind.Conflict => "Not allowed in the current state",
            RejectionKind.KeyReused => "Idempotency-Key reused",
            RejectionKind.Unavailable => "Temporarily unavailable",
            _ => "Refused",
        });

    public static IResult Invalid(string detail) => Of(RejectionKind.Invalid, detail);

    public static IResult NotFound(string detail) => Of(RejectionKind.NotFound, detail);

    public static IResult Of(Rejection rejection) => Of(rejection.Kind, rejection.Message);
}
