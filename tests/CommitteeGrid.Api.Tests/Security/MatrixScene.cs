using CommitteeGrid.Api.Tests.Infrastructure;

namespace CommitteeGrid.Api.Tests.Security;

/// <summary>The roles of the matrix's columns; anonymous sends no token.</summary>
public enum MatrixRole
{
    Member,
    GroupLeader,
    Staff,
    Viewer,
    Operator,
    Anonymous,
}

public static class MatrixRoles
{
    public static IReadOnlyList<MatrixRole> All { get; } = Enum.GetValues<MatrixRole>();
}

/// <summary>How the unit a request concerns relates to the caller's scope.</summary>
public enum Relation
{
    Same,
    Ancestor,
    Descendant,
    Sibling,
    Unrelated,

    /// <summary>The request names no unit.</summary>
    None,
}

/// <summary>
/// Where the callers sit in the demo network and, for each relation, the unit or the entity a probe
/// names. County-level callers (staff, viewer, operator, and anonymous for symmetry) have the scope
/// 襄州区 (420607); the group leader leads 420607-G08 (under the liaison office 420607-L01); the
/// member is 420607-M0097 of that group. Relations a scope does not have (a member has nothing below it,
/// a handling unit nothing below its committee) are left out.
/// </summary>
public sealed class MatrixScene
{
    public const string County = DemoHostFixture.Xiangzhou;
    public const string Group = "420607-G08";
    public const string Member = "420607-M0097";
    public const string UnknownWebhookId = "W0000000000000000";

    private static readonly Dictionary<Relation, string> CountyUnits = new()
    {
        [Relation.Same] = County,
        [Relation.Ancestor] = DemoHostFixture.Xiangyang,
        [Relation.Descendant] = Group,
        [Relation.Sibling] = "420625",
        [Relation.Unrelated] = DemoHostFixture.Sichuan,
    };

    private static readonly Dictionary<Relation, string> GroupUnits = new()
    {
        [Relation.Same] = Group,
        [Relation.Ancestor] = "420607-L01",
        [Relation.Descendant] = Member,
        [Relation.Sibling] = "420607-G09",
        [Relation.Unrelated] = "511724-G01",
    };

    private static readonly Dictionary<Relation, string> MemberUnits = new()
    {
        [Relation.Same] = Member,
        [Relation.Ancestor] = Group,
        [Relation.Sibling] = "420607-M0098",
        [Relation.Unrelated] = "511724-M0001",
    };

    // Authors of the entities a probe names, and members a body names. For a county caller: a member of
    // the county's own group (same), of the city (ancestor), of a group under a liaison office
    // (descendant), of the sibling county, of 四川. For a group leader and a member, "ancestor" is a
    // member of a county-level group: the entity concerns the county above the caller, not the caller.
    private static readonly Dictionary<Relation, string> CountyAuthors = new()
    {
        [Relation.Same] = "420607-M0001",
        [Relation.Ancestor] = "420600-M0001",
        [Relation.Descendant] = Member,
        [Relation.Sibling] = "420625-M0001",
        [Relation.Unrelated] = "511724-M0001",
    };

    private static readonly Dictionary<Relation, string> GroupAuthors = new()
    {
        [Relation.Same] = Member,
        [Relation.Ancestor] = "420607-M0001",
        [Relation.Descendant] = "420607-M0098",
        [Relation.Sibling] = "420607-M0111",
        [Relation.Unrelated] = "511724-M0001",
    };

    private static readonly Dictionary<Relation, string> MemberAuthors = new()
    {
        [Relation.Same] = Member,
        [Relation.Ancestor] = "420607-M0001",
        [Relation.Sibling] = "420607-M0098",
        [Relation.Unrelated] = "511724-M0001",
    };

    // Handling units sit under their committee; only committee-level callers have all relations to them.
    private static readonly Dictionary<Relation, string> HandlingUnits = new()
    {
        [Relation.Same] = "420607-H01",
        [Relation.Ancestor] = "420600-H01",
        [Relation.Sibling] = "420625-H01",
        [Relation.Unrelated] = "511724-H01",
    };

    private readonly Dictionary<string, string> _reports;
    private readonly Dictionary<string, string> _proposals;
    private readonly Dictionary<string, string> _duties;
    private readonly Dictionary<string, string> _webhooks;

    private MatrixScene(Dictionary<string, string> reports, Dictionary<string, string> proposals, Dictionary<string, string> duties, Dictionary<string, string> webhooks)
    {
        _reports = reports;
        _proposals = proposals;
        _duties = duties;
        _webhooks = webhooks;
    }

    /// <summary>The proposal drafted for <paramref name="author"/> (one of the scene's authors).</summary>
    public string ProposalOf(string author) => _proposals[author];

    /// <summary>The report submitted for <paramref name="author"/>.</summary>
    public string ReportOf(string author) => _reports[author];

    public static TestUser? User(MatrixRole role) => role switch
    {
        MatrixRole.Member => TestUser.Member(Member),
        MatrixRole.GroupLeader => TestUser.GroupLeader(Group),
        MatrixRole.Staff => TestUser.Staff(County),
        MatrixRole.Viewer => TestUser.Viewer(County),
        MatrixRole.Operator => new TestUser($"operator-{County}", "operator", County),
        _ => null,
    };

    /// <summary>The relations a row is probed in for a role, with what {code}, {id} and $member become.</summary>
    public IEnumerable<(Relation Relation, string? Code, string? Id, string? Author)> Targets(Target target, MatrixRole role)
    {
        if (target == Target.None)
        {
            yield return (Relation.None, null, null, null);
            yield break;
        }

        var units = role switch { MatrixRole.Member => MemberUnits, MatrixRole.GroupLeader => GroupUnits, _ => CountyUnits };
        var authors = role switch { MatrixRole.Member => MemberAuthors, MatrixRole.GroupLeader => GroupAuthors, _ => CountyAuthors };
        var layout = target switch
        {
            Target.HandlingUnit => HandlingUnits,
            Target.Report or Target.Proposal or Target.Duty or Target.BodyMember => authors,
            _ => units,
        };
        foreach (var (relation, code) in layout)
        {
            yield return target switch
            {
                Target.Report => (relation, null, _reports[code], code),
                Target.Proposal => (relation, null, _proposals[code], code),
                Target.Duty => (relation, null, _duties[code], code),
                Target.BodyMember => (relation, null, null, code),
                Target.Webhook => (relation, code, _webhooks[code], null),
                Target.UnknownWebhook => (relation, code, UnknownWebhookId, null),
                _ => (relation, code, null, null),
            };
        }
    }

    /// <summary>
    /// One report, proposal (draft) and self-reported duty record per author, and one webhook per unit
    /// a probe names, all made by the root committee's staff before any probe is sent.
    /// </summary>
    public static async Task<MatrixScene> Create(ApiClient root)
    {
        var authors = CountyAuthors.Values.Concat(GroupAuthors.Values).Concat(MemberAuthors.Values).Distinct(StringComparer.Ordinal).ToList();
        var units = CountyUnits.Values.Concat(GroupUnits.Values).Concat(MemberUnits.Values).Distinct(StringComparer.Ordinal).ToList();
        var reports = new Dictionary<string, string>(StringComparer.Ordinal);
        var proposals = new Dictionary<string, string>(StringComparer.Ordinal);
        var duties = new Dictionary<string, string>(StringComparer.Ordinal);
        var webhooks = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var author in authors)
        {
            reports[author] = Id(await root.Post("api/reports", new { author, title = "权限矩阵测试报告", body = "正文" }), "reportId");
            proposals[author] = Id(await root.Post("api/proposals", new { lead = author, title = "权限矩阵测试提案", body = "正文" }), "proposalId");
            duties[author] = Id(await root.Post("api/duty-records", new { kind = "household", title = "走访群众", date = China.Today, member = author }), "recordId");
        }

        foreach (var unit in units)
        {
            // A kind that nothing in this collection produces, so nothing is ever sent to the address.
            var created = await root.Post($"api/units/{unit}/webhooks", new { url = "https://hooks.example.org/matrix", events = new[] { "duty.rejected" } });
            webhooks[unit] = Id(created, "webhook", "id");
        }

        return new MatrixScene(reports, proposals, duties, webhooks);
    }

    private static string Id(ApiResponse response, string field, string? inner = null)
    {
        Assert.True(response.Code == 201, $"setting up the matrix: {response}");
        var node = response.Json![field]!;
        return (inner is null ? node : node[inner]!).GetValue<string>();
    }
}
