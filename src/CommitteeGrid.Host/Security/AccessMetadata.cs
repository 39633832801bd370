namespace CommitteeGrid.Host.Security;

/// <summary>
/// What an endpoint does, attached where the endpoint is mapped. The access policy decides who may do
/// it from this and the unit the request concerns; an endpoint without it is refused to everybody.
/// </summary>
/// <param name="Operation">A name in the access policy's table, e.g. "report.act".</param>
/// <param name="TargetInBody">
/// The unit the request concerns is in the request body (a submission's author), so the command helper
/// checks it once the body is read, instead of the gate checking a route value.
/// </param>
public sealed record AccessMetadata(string Operation, bool TargetInBody = false);

public static class AccessEndpointExtensions
{
    /// <summary>Names the operation this endpoint performs, e.g. "report.act" or "unit.read".</summary>
    public static TBuilder RequireAccess<TBuilder>(this TBuilder builder, string operation, bool targetInBody = false)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AccessMetadata(operation, targetInBody));
}
