namespace CommitteeGrid.Host.Security;

/// <summary>
/// What an endpoint does, attached where the endpoint is mapped. The access policy decides who may do
/// it from this and the unit the request concerns; an endpoint without it is refused to everybody.
/// </summary>
public sealed record AccessMetadata(string Operation);

public static class AccessEndpointExtensions
{
    /// <summary>Names the operation this endpoint performs, e.g. "report.act" or "unit.read".</summary>
    public static TBuilder RequireAccess<TBuilder>(this TBuilder builder, string operation)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AccessMetadata(operation));
}
