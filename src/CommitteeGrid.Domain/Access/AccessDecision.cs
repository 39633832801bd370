namespace CommitteeGrid.Domain.Access;

/// <summary>The policy's answer. Status is the HTTP status a refusal maps to (401, 403 or 404).</summary>
public sealed record AccessDecision(bool Allowed, int Status, string Detail)
{
    public static AccessDecision Allow { get; } = new(true, 200, "");

    public static AccessDecision Unauthenticated(string detail) => new(false, 401, detail);

    public static AccessDecision Forbidden(string detail) => new(false, 403, detail);

    public static AccessDecision Hidden(string detail) => new(false, 404, detail);
}
