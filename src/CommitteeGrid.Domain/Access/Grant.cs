namespace CommitteeGrid.Domain.Access;

/// <summary>One line of the policy: these roles may perform the operation under this relation.</summary>
public sealed record Grant(Relation Relation, IReadOnlyList<string> Roles)
{
    public static Grant Anonymous() => new(Relation.Anonymous, []);

    public static Grant Anywhere(params string[] roles) => new(Relation.Anywhere, roles);

    public static Grant Within(params string[] roles) => new(Relation.Within, roles);
}
