using CommitteeGrid.Domain.Network;
using static CommitteeGrid.Domain.Access.Roles;

namespace CommitteeGrid.Domain.Access;

/// <summary>
/// Who may do what, in one table: operation → grants (roles and the relation their scope must have to
/// the unit the request concerns). Endpoints name their operation; the host asks this table, in one
/// place, before any endpoint runs. An operation missing from the table is refused to everybody, and
/// the host refuses to start when an endpoint names one.
/// </summary>
public sealed class AccessPolicy
{
    private static readonly string[] Everyone = [Member, GroupLeader, Staff, Viewer, Operator];

    /// <summary>The policy the host enforces. Adding an operation is one line.</summary>
    public static AccessPolicy Default { get; } = new(new Dictionary<string, Grant[]>(StringComparer.Ordinal)
    {
        // Open: probes, signing in, the login page.
        ["health.read"] = [Grant.Anonymous()],
        ["auth.login"] = [Grant.Anonymous()],
        ["auth.logout"] = [Grant.Anonymous()],
        ["page.login"] = [Grant.Anonymous()],

        // Any signed-in user: who am I, the API description, the network's name and root.
        ["auth.me"] = [Grant.Anywhere(Everyone)],
        ["api.describe"] = [Grant.Anywhere(Everyone)],
        ["network.read"] = [Grant.Anywhere(Everyone)],

        // Units and their tallies: within the caller's subtree (a member's subtree is themself).
        ["unit.read"] = [Grant.Within(Member, GroupLeader, Staff, Viewer)],
        ["unit.live"] = [Grant.Within(Member, GroupLeader, Staff, Viewer)],
        ["score.read"] = [Grant.Within(Member, GroupLeader, Staff, Viewer)],
        ["ranking.read"] = [Grant.Within(GroupLeader, Staff, Viewer)],
        ["trend.read"] = [Grant.Within(GroupLeader, Staff, Viewer)],
        ["bulletin.read"] = [Grant.Within(Staff, Viewer)],
        // Page shells and their scripts hold no data (every figure comes from the API, checked there), so a
        // browser that is not signed in still gets them and its script sends it to /login.
        ["page.read"] = [Grant.Anonymous()],
        ["member.read"] = [Grant.Within(Member, GroupLeader, Staff, Viewer)],
        ["rules.read"] = [Grant.Within(GroupLeader, Staff, Viewer)],
        ["rules.replace"] = [Grant.Within(Staff)],

        // Information reports: members on their own, staff within their committee's subtree (代录 included).
        ["report.submit"] = [Grant.Within(Member, Staff)],
        ["report.read"] = [Grant.Within(Member, GroupLeader, Staff, Viewer)],
        ["report.act"] = [Grant.Within(Staff)],
        ["report.revise"] = [Grant.Within(Member, Staff)],
        ["inbox.read"] = [Grant.Within(Staff, Viewer)],

        // Proposals: members on their own (lead, co-signers, invitees); the committee's proposal office
        // (staff) reviews, numbers, assigns and records the handling units' answers and hand-backs.
        ["proposal.draft"] = [Grant.Within(Member, Staff)],
        ["proposal.read"] = [Grant.Within(Member, GroupLeader, Staff, Viewer)],
        ["proposal.invite"] = [Grant.Within(Member, Staff)],
        ["proposal.sign"] = [Grant.Within(Member, Staff)],
        ["proposal.submit"] = [Grant.Within(Member, Staff)],
        ["proposal.withdraw"] = [Grant.Within(Member, Staff)],
        ["proposal.rate"] = [Grant.Within(Member, Staff)],
        ["proposal.review"] = [Grant.Within(Staff)],
        ["proposal.assign"] = [Grant.Within(Staff)],
        ["proposal.answer"] = [Grant.Within(Staff)],
        ["proposal.handback"] = [Grant.Within(Staff)],
        ["proposal.register.read"] = [Grant.Within(Staff, Viewer)],
        ["handling.read"] = [Grant.Within(Staff, Viewer)],

        // Duty records: members report their own, organisers record attendance, group leaders confirm.
        ["duty.record"] = [Grant.Within(Member, GroupLeader, Staff)],
        ["duty.confirm"] = [Grant.Within(GroupLeader, Staff)],
        ["duty.read"] = [Grant.Within(Member, GroupLeader, Staff, Viewer)],

        // Notifications: a feed is its recipient's (a member, a committee office, a group); webhooks are staff's.
        ["feed.read"] = [Grant.Within(Member, GroupLeader, Staff, Viewer)],
        ["feed.live"] = [Grant.Within(Member, GroupLeader, Staff, Viewer)],
        ["feed.mark"] = [Grant.Within(Member, GroupLeader, Staff)],
        ["webhook.manage"] = [Grant.Within(Staff)],
        // Operators may look at deliveries (URLs, event ids, statuses, not the events' text) to trace a failing receiver.
        ["webhook.read"] = [Grant.Within(Staff), Grant.Anywhere(Operator)],

        // Checking and tracing.
        ["verify.run"] = [Grant.Within(Staff), Grant.Anywhere(Operator)],
        ["audit.read"] = [Grant.Within(Staff)],

        // Operators: the cluster's health and the service's own figures; no member's submissions.
        ["ops.metrics"] = [Grant.Anywhere(Operator)],
        ["ops.dashboard"] = [Grant.Anywhere(Operator)],
    });

    private readonly IReadOnlyDictionary<string, Grant[]> _table;

    public AccessPolicy(IReadOnlyDictionary<string, Grant[]> table)
    {
        foreach (var (operation, grants) in table)
        {
            var unknown = grants.SelectMany(g => g.Roles).FirstOrDefault(r => !IsKnown(r));
            if (unknown is not null)
            {
                throw new ArgumentException($"operation '{operation}' grants unknown role '{unknown}'", nameof(table));
            }
        }

        _table = table;
    }

    public IEnumerable<string> Operations => _table.Keys;

    public bool Knows(string operation) => _table.ContainsKey(operation);

    /// <summary>True when the operation needs no signed-in user.</summary>
    public bool IsAnonymous(string operation) =>
        _table.TryGetValue(operation, out var grants) && grants.Any(g => g.Relation == Relation.Anonymous);

    /// <summary>The roles that may perform an operation at all.</summary>
    public IReadOnlyList<string> RolesFor(string operation) =>
        _table.TryGetValue(operation, out var grants) ? [.. grants.SelectMany(g => g.Roles).Distinct(StringComparer.Ordinal)] : [];

    /// <summary>
    /// Whether <paramref name="caller"/> (null: nobody signed in) may perform <paramref name="operation"/>
    /// on <paramref name="target"/>. Units the network does not know relate to nobody, so they are let
    /// through for the endpoint to answer 400 or 404: there is nothing behind them to protect.
    /// </summary>
    public AccessDecision Decide(Caller? caller, string operation, AccessTarget target, CommitteeNetwork network)
    {
        if (!_table.TryGetValue(operation, out var grants))
        {
            return AccessDecision.Forbidden($"operation '{operation}' is not in the access policy; nobody may perform it");
        }

        if (grants.Any(g => g.Relation == Relation.Anonymous))
        {
            return AccessDecision.Allow;
        }

        if (caller is null)
        {
            return AccessDecision.Unauthenticated("sign in first: send Authorization: Bearer <token> (POST /api/auth/login gives one)");
        }

        var mine = grants.Where(g => g.Roles.Contains(caller.Role, StringComparer.Ordinal)).ToList();
        if (mine.Count == 0)
        {
            return AccessDecision.Forbidden(
                $"role '{caller.Role}' may not perform {operation}; it needs one of these roles: {string.Join(", ", RolesFor(operation))}");
        }

        if (mine.Any(g => g.Relation == Relation.Anywhere))
        {
            return AccessDecision.Allow;
        }

        if (target.Kind == AccessTargetKind.None)
        {
            return AccessDecision.Forbidden($"{operation} is granted within a scope, but this request names no unit to check it against");
        }

        if (network.Find(caller.Scope) is not { } scope)
        {
            return AccessDecision.Forbidden($"your scope '{caller.Scope}' is not a unit of this network; ask an administrator to correct your account");
        }

        var units = target.Codes.Select(network.Find).OfType<NetworkUnit>().ToList();
        if (units.Count == 0 && target.Kind == AccessTargetKind.Unit)
        {
            return AccessDecision.Allow;
        }

        if (units.Any(u => CommitteeNetwork.IsWithin(u, scope)))
        {
            return AccessDecision.Allow;
        }

        return target.Kind == AccessTargetKind.Report
            ? AccessDecision.Hidden(HiddenReport(target.Name))
            : AccessDecision.Forbidden($"your scope is {scope.Code} ({scope.Name}); {target.Name} is outside it, and {operation} is allowed only within your scope");
    }

    /// <summary>
    /// The one answer for a report that does not exist and for one outside the caller's scope, so that
    /// nobody learns from a refusal whether a report exists elsewhere.
    /// </summary>
    public static string HiddenReport(string name) => $"{name} does not exist or is outside your scope";
}
