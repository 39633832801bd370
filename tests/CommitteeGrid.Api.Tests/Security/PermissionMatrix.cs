namespace CommitteeGrid.Api.Tests.Security;

/// <summary>
/// Who may call which /api endpoint, written down independently of the access policy: one row per
/// endpoint, one letter per role. The test sends every row as every role against targets in every
/// scope relation and compares the gate's answer with this table; an endpoint the host maps that has
/// no row here fails the test, so a new endpoint must be added (and thought about) here.
/// </summary>
/// <remarks>
/// Letters, in the order member, groupleader, staff, viewer, operator, anonymous:
/// <c>W</c> within the caller's scope (the same unit or below it: allowed; ancestor, sibling, unrelated: refused),
/// <c>A</c> anywhere (every relation allowed), <c>-</c> never, <c>O</c> open to everybody, signed in or not.
/// </remarks>
public static class PermissionMatrix
{
    public static IReadOnlyList<MatrixRow> Rows { get; } =
    [
        //  endpoint                                                          what {code} / {id} / the body names   m g s v o anon
        new("POST /api/auth/login", Target.None, "O O O O O O", """{}"""),
        new("POST /api/auth/logout", Target.None, "O O O O O O"),
        new("GET /api/auth/me", Target.None, "A A A A A -"),
        new("GET /api/network", Target.None, "A A A A A -"),

        // Units and what is counted in them.
        new("GET /api/units/{code}", Target.Unit, "W W W W - -"),
        new("GET /api/units/{code}/tally", Target.Unit, "W W W W - -"),
        new("GET /api/units/{code}/live", Target.Unit, "W W W W - -"),
        new("GET /api/units/{code}/score", Target.Unit, "W W W W - -"),
        new("GET /api/units/{code}/ranking", Target.Unit, "- W W W - -"),
        new("GET /api/units/{code}/trend", Target.Unit, "- W W W - -"),
        new("GET /api/units/{code}/six-ones", Target.Unit, "W W W W - -"),
        new("GET /api/members/{code}/reports", Target.Unit, "W W W W - -"),
        new("GET /api/members/{code}/proposals", Target.Unit, "W W W W - -"),
        new("GET /api/groups/{code}/duty-records", Target.Unit, "W W W W - -"),
        new("GET /api/units/{code}/audit", Target.Unit, "- - W - - -"),
        new("GET /api/verify/{code}", Target.Unit, "- - W - A -"),

        // Operators: the service's own figures (the dashboard under /dashboard is checked by OpsTests).
        new("GET /api/ops/metrics", Target.None, "- - - - A -"),

        // Committees: inbox, proposal register, handling units, bulletin, scoring rules.
        new("GET /api/committees/{code}/inbox", Target.Unit, "- - W W - -"),
        new("GET /api/committees/{code}/proposals", Target.Unit, "- - W W - -"),
        new("GET /api/committees/{code}/sessions", Target.Unit, "- - W W - -"),
        new("GET /api/committees/{code}/handling-units", Target.Unit, "- - W W - -"),
        new("GET /api/handling-units/{code}", Target.HandlingUnit, "- - W W - -"),
        new("GET /api/committees/{code}/bulletin", Target.Unit, "- - W W - -"),
        new("GET /api/committees/{code}/scoring-rules/{year}", Target.Unit, "- W W W - -"),
        new("GET /api/committees/{code}/scoring-rules/{year}/versions", Target.Unit, "- W W W - -"),
        new("GET /api/committees/{code}/scoring-rules/{year}/versions/{version}", Target.Unit, "- W W W - -"),
        new("PUT /api/committees/{code}/scoring-rules/{year}", Target.Unit, "- - W - - -", """{}"""),

        // Notifications and webhooks.
        new("GET /api/feeds/{code}", Target.Unit, "W W W W - -"),
        new("GET /api/feeds/{code}/live", Target.Unit, "W W W W - -"),
        new("POST /api/feeds/{code}/read", Target.Unit, "W W W - - -", """{}"""),
        new("GET /api/units/{code}/webhooks", Target.Unit, "- - W - A -"),
        new("POST /api/units/{code}/webhooks", Target.Unit, "- - W - - -", """{}"""),
        new("GET /api/units/{code}/webhooks/{id}", Target.Webhook, "- - W - A -"),
        new("DELETE /api/units/{code}/webhooks/{id}", Target.UnknownWebhook, "- - W - - -"),
        new("GET /api/units/{code}/webhooks/{id}/deliveries", Target.Webhook, "- - W - A -"),

        // Information reports. Bodies stop at a check after the gate's (a missing field, a state), so nothing changes.
        new("POST /api/reports", Target.BodyMember, "W - W - - -", """{"author":"$member"}"""),
        new("GET /api/reports/{id}", Target.Report, "W W W W - -"),
        new("POST /api/reports/{id}/actions", Target.Report, "- - W - - -", """{}"""),
        new("POST /api/reports/{id}/revision", Target.Report, "W - W - - -", """{"author":"$member"}"""),

        // Proposals.
        new("POST /api/proposals", Target.BodyMember, "W - W - - -", """{"lead":"$member"}"""),
        new("GET /api/proposals/{id}", Target.Proposal, "W W W W - -"),
        new("POST /api/proposals/{id}/invitations", Target.Proposal, "W - W - - -", """{}"""),
        new("POST /api/proposals/{id}/signatures", Target.Proposal, "W - W - - -", """{}"""),
        new("POST /api/proposals/{id}/submission", Target.Proposal, "W - W - - -", """{}"""),
        new("POST /api/proposals/{id}/withdrawal", Target.Proposal, "W - W - - -", """{}"""),
        new("POST /api/proposals/{id}/ratings", Target.Proposal, "W - W - - -", """{}"""),
        new("POST /api/proposals/{id}/review", Target.Proposal, "- - W - - -", """{}"""),
        new("POST /api/proposals/{id}/assignment", Target.Proposal, "- - W - - -", """{}"""),
        new("POST /api/proposals/{id}/answers", Target.Proposal, "- - W - - -", """{}"""),
        new("POST /api/proposals/{id}/handback", Target.Proposal, "- - W - - -", """{}"""),

        // Duty records.
        new("POST /api/duty-records", Target.BodyMember, "W W W - - -", """{"kind":"household","date":"2026-01-05","member":"$member"}"""),
        new("GET /api/duty-records/{id}", Target.Duty, "W W W W - -"),
        new("POST /api/duty-records/{id}/confirmation", Target.Duty, "- W W - - -", """{}"""),
    ];
}

/// <summary>What a row's request concerns, so the test knows what to put in {code}, {id} or the body.</summary>
public enum Target
{
    /// <summary>Nothing: the request names no unit (the relation is "none").</summary>
    None,

    /// <summary>{code} is a unit of the network (committee, office, group or member).</summary>
    Unit,

    /// <summary>{code} is a handling unit (承办单位), which belongs to its committee.</summary>
    HandlingUnit,

    /// <summary>{code} is a unit and {id} a webhook registered there.</summary>
    Webhook,

    /// <summary>{code} is a unit and {id} a well-formed webhook id registered nowhere (so a delete that passes the gate finds nothing).</summary>
    UnknownWebhook,

    /// <summary>{id} is a report whose lead author sits in the relation.</summary>
    Report,

    /// <summary>{id} is a proposal whose lead sits in the relation.</summary>
    Proposal,

    /// <summary>{id} is a duty record reported by a member in the relation.</summary>
    Duty,

    /// <summary>The body names a member ($member) in the relation.</summary>
    BodyMember,
}

/// <summary>One endpoint: its method and route as the host maps it, what it concerns, the expected access per role.</summary>
public sealed record MatrixRow(string Endpoint, Target Target, string Access, string? Body = null)
{
    public string Method => Endpoint[..Endpoint.IndexOf(' ', StringComparison.Ordinal)];

    public string Route => Endpoint[(Endpoint.IndexOf(' ', StringComparison.Ordinal) + 1)..];

    /// <summary>The letter for a role (W, A, - or O), by the column order of <see cref="MatrixRoles.All"/>.</summary>
    public char For(MatrixRole role)
    {
        var letters = Access.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (letters.Length != MatrixRoles.All.Count || letters.Any(l => l is not ("W" or "A" or "-" or "O")))
        {
            throw new InvalidOperationException($"{Endpoint}: access '{Access}' must be {MatrixRoles.All.Count} letters of W, A, - or O");
        }

        return letters[MatrixRoles.All.ToList().IndexOf(role)][0];
    }

    /// <summary>Whether the role may call the endpoint for a target in this relation.</summary>
    public bool Allows(MatrixRole role, Relation relation) => For(role) switch
    {
        'O' or 'A' => true,
        'W' => relation is Relation.Same or Relation.Descendant or Relation.None,
        _ => false,
    };
}
