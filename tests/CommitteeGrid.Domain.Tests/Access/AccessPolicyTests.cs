using CommitteeGrid.Domain.Access;
using CommitteeGrid.Domain.Network;
using static CommitteeGrid.Domain.Tests.Reports.TestNetwork;

namespace CommitteeGrid.Domain.Tests.Access;

/// <summary>The policy table, role by role and relation by relation, without a host.</summary>
public sealed class AccessPolicyTests
{
    private static readonly CommitteeNetwork Network = Build();
    private static readonly AccessPolicy Policy = AccessPolicy.Default;

    private static readonly Caller CountyStaff = new("county", Roles.Staff, County);
    private static readonly Caller CityStaff = new("city", Roles.Staff, City);
    private static readonly Caller SiblingStaff = new("sibling", Roles.Staff, SiblingCounty);
    private static readonly Caller LeadMember = new(Lead, Roles.Member, Lead);
    private static readonly Caller CoAuthorMember = new(CoAuthor, Roles.Member, CoAuthor);
    private static readonly Caller ThirdMember = new(Third, Roles.Member, Third);
    private static readonly Caller Leader = new("leader", Roles.GroupLeader, Group);
    private static readonly Caller ProvinceViewer = new("viewer", Roles.Viewer, Province);
    private static readonly Caller Operator = new("ops", Roles.Operator, National);

    /// <summary>A report by Lead (co-author CoAuthor), submitted to the county and forwarded to the city.</summary>
    private static readonly AccessTarget Report = AccessTarget.Report("R1", [Lead, CoAuthor], [County, City]);

    public static TheoryData<string, Caller?, string, AccessTarget, int> Cases() => new()
    {
        // Nobody signed in: only the open operations.
        { "anonymous reads a unit", null, "unit.read", AccessTarget.Unit(County), 401 },
        { "anonymous signs in", null, "auth.login", AccessTarget.None, 200 },
        { "anonymous probes health", null, "health.read", AccessTarget.None, 200 },

        // Within: the unit itself, below it, above it, beside it.
        { "staff reads own committee", CountyStaff, "unit.read", AccessTarget.Unit(County), 200 },
        { "staff reads a member below", CountyStaff, "unit.read", AccessTarget.Unit(Lead), 200 },
        { "county staff reads the city", CountyStaff, "unit.read", AccessTarget.Unit(City), 403 },
        { "staff reads a sibling county", SiblingStaff, "unit.read", AccessTarget.Unit(County), 403 },
        { "city staff reads a county below", CityStaff, "inbox.read", AccessTarget.Unit(County), 200 },
        { "unknown unit is left to the endpoint", CountyStaff, "unit.read", AccessTarget.Unit("ZZ404"), 200 },

        // Members: only themselves.
        { "member reads self", LeadMember, "unit.read", AccessTarget.Unit(Lead), 200 },
        { "member reads a fellow member", LeadMember, "unit.read", AccessTarget.Unit(CoAuthor), 403 },
        { "member reads own group", LeadMember, "unit.read", AccessTarget.Unit(Group), 403 },
        { "member submits as self", LeadMember, "report.submit", AccessTarget.BodyUnit("author", Lead), 200 },
        { "member submits for another", LeadMember, "report.submit", AccessTarget.BodyUnit("author", CoAuthor), 403 },
        { "member reads own report", LeadMember, "report.read", Report, 200 },
        { "co-author reads the report", CoAuthorMember, "report.read", Report, 200 },
        { "other member reads the report", ThirdMember, "report.read", Report, 404 },
        { "member acts on a report", LeadMember, "report.act", Report, 403 },
        { "member reads an inbox", LeadMember, "inbox.read", AccessTarget.Unit(County), 403 },

        // Staff: their committee's subtree, and reports that reached them; 代录 for members below.
        { "staff submits for a member below (代录)", CountyStaff, "report.submit", AccessTarget.BodyUnit("author", Lead), 200 },
        { "staff submits for a member elsewhere", SiblingStaff, "report.submit", AccessTarget.BodyUnit("author", Lead), 403 },
        { "staff acts for own committee", CountyStaff, "report.act", AccessTarget.BodyUnit("committee", County), 200 },
        { "county staff acts for the city", CountyStaff, "report.act", AccessTarget.BodyUnit("committee", City), 403 },
        { "staff reads a report that reached them", CityStaff, "report.read", Report, 200 },
        { "sibling staff reads the report", SiblingStaff, "report.read", Report, 404 },
        { "staff reads the audit trail below", CityStaff, "audit.read", AccessTarget.Unit(County), 200 },
        { "staff reads the audit trail above", CountyStaff, "audit.read", AccessTarget.Unit(City), 403 },

        // Group leaders: their group.
        { "leader reads own group", Leader, "unit.read", AccessTarget.Unit(Group), 200 },
        { "leader reads a member's report", Leader, "report.read", Report, 200 },
        { "leader reads the county", Leader, "unit.read", AccessTarget.Unit(County), 403 },
        { "leader acts on a report", Leader, "report.act", Report, 403 },

        // Viewers: read a subtree, change nothing.
        { "viewer reads below", ProvinceViewer, "unit.read", AccessTarget.Unit(Lead), 200 },
        { "viewer reads above", ProvinceViewer, "unit.read", AccessTarget.Unit(National), 403 },
        { "viewer reads a report below", ProvinceViewer, "report.read", Report, 200 },
        { "viewer acts", ProvinceViewer, "report.act", Report, 403 },
        { "viewer submits", ProvinceViewer, "report.submit", AccessTarget.BodyUnit("author", Lead), 403 },
        { "viewer reads the audit trail", ProvinceViewer, "audit.read", AccessTarget.Unit(County), 403 },

        // Operators: the cluster, not members' submissions.
        { "operator verifies anywhere", Operator, "verify.run", AccessTarget.Unit(County), 200 },
        { "operator reads a report", Operator, "report.read", Report, 403 },
        { "operator reads a unit", Operator, "unit.read", AccessTarget.Unit(County), 403 },
        { "operator reads the network", Operator, "network.read", AccessTarget.None, 200 },

        // What the table does not know, nobody may do; a scope outside the network relates to nothing.
        { "unknown operation", CountyStaff, "report.shred", AccessTarget.Unit(County), 403 },
        { "scope not in the network", new Caller("ghost", Roles.Staff, "ZZ"), "unit.read", AccessTarget.Unit(County), 403 },
        { "within-grant without a target", CountyStaff, "unit.read", AccessTarget.None, 403 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decides_by_role_and_scope(string name, Caller? caller, string operation, AccessTarget target, int status)
    {
        var decision = Policy.Decide(caller, operation, target, Network);

        Assert.True(status == decision.Status, $"{name}: expected {status}, got {decision.Status} ({decision.Detail})");
        Assert.Equal(status == 200, decision.Allowed);
        if (!decision.Allowed)
        {
            Assert.False(string.IsNullOrWhiteSpace(decision.Detail));
        }
    }

    [Fact]
    public void A_hidden_report_and_a_missing_one_get_the_same_words()
    {
        var outside = Policy.Decide(ThirdMember, "report.read", Report, Network);
        Assert.Equal(AccessPolicy.HiddenReport("report R1"), outside.Detail);
        Assert.Contains("does not exist or is outside your scope", outside.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(Lead, outside.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Refusals_say_what_is_missing()
    {
        var role = Policy.Decide(ProvinceViewer, "report.act", Report, Network);
        Assert.Contains("viewer", role.Detail, StringComparison.Ordinal);
        Assert.Contains("staff", role.Detail, StringComparison.Ordinal);

        var scope = Policy.Decide(CountyStaff, "unit.read", AccessTarget.Unit(City), Network);
        Assert.Contains(County, scope.Detail, StringComparison.Ordinal);
        Assert.Contains(City, scope.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_grant_names_known_roles_and_unknown_roles_are_refused_when_the_table_is_built()
    {
        Assert.All(Policy.Operations, op => Assert.All(Policy.RolesFor(op), role => Assert.Contains(role, Roles.All)));
        Assert.Throws<ArgumentException>(() => new AccessPolicy(new Dictionary<string, Grant[]> { ["x.read"] = [Grant.Within("admin")] }));
    }

    [Fact]
    public void Operations_already_mapped_by_the_host_are_in_the_table()
    {
        string[] mapped = ["network.read", "unit.read", "report.submit", "report.read", "report.act", "report.revise", "inbox.read", "verify.run", "audit.read", "auth.login", "auth.me", "health.read"];
        Assert.All(mapped, op => Assert.True(Policy.Knows(op), op));
        Assert.False(Policy.Knows("report.shred"));
    }
}
