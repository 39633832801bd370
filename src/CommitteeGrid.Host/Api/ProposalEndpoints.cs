using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Abstractions.Grains;
using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Abstractions.Proposals;
using CommitteeGrid.Domain.Access;
using CommitteeGrid.Domain.Proposals;
using CommitteeGrid.Domain.Tallies;
using CommitteeGrid.Grains.Services;
using CommitteeGrid.Host.Security;

namespace CommitteeGrid.Host.Api;

/// <summary>
/// Proposals (提案): a member drafts, invites co-signers, signs, submits, withdraws and rates; the committee's
/// proposal office reviews, merges, numbers, marks key and excellent, assigns; a handling unit answers or
/// hands back. Reads: one proposal with its history, a committee's register and sessions, handling units.
/// </summary>
internal static class ProposalEndpoints
{
    private static readonly Dictionary<string, string> Hints = new(StringComparer.Ordinal)
    {
        ["action"] = "action must be one of register, notRegister, merge, key, excellent, close",
        ["class"] = "class must be A, B or C",
        ["rating"] = "rating must be satisfied, basically or dissatisfied",
        ["deadline"] = "deadline must be a date and time with its offset, e.g. 2026-03-05T18:00:00+08:00",
        ["dueAt"] = "dueAt must be a date and time with its offset, e.g. 2026-06-30T18:00:00+08:00",
        ["dueDate"] = "dueDate must be a date written yyyy-MM-dd",
        ["accept"] = "accept must be true or false",
        ["toReport"] = "toReport must be true or false",
        ["members"] = "members must be a list of member codes",
        ["coUnits"] = "coUnits must be a list of handling unit codes",
    };

    public static void MapProposalEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Proposals");

        api.MapPost("/proposals", (HttpContext http, IGrainFactory grains) =>
            Command<DraftProposalRequest>(http, null, async (meta, r) =>
            {
                if (CommandEndpoint.Required(r.Lead, "lead", "the lead author's member code") is { } missing)
                {
                    return missing;
                }

                if (http.RequestServices.GetRequiredService<AccessGate>().CheckBody(http, AccessTarget.BodyUnit("lead", r.Lead!)) is { } refused)
                {
                    return refused;
                }

                var id = RequestContext.NewId('P', meta);
                var result = await Proposal(grains, id).Draft(meta, new DraftProposal(r.Lead!, r.Title ?? "", r.Body ?? ""));
                return CommandEndpoint.Answer(http, result, "proposalId", id, created: $"/api/proposals/{id}");
            })).WithName("DraftProposal").RequireAccess("proposal.draft", targetInBody: true);

        api.MapGet("/proposals/{id}", async (string id, IGrainFactory grains) =>
        {
            if (CheckId(id) is { } bad)
            {
                return bad;
            }

            var view = await Proposal(grains, id).GetView();
            return view is null ? Problems.NotFound($"proposal {id} does not exist") : Results.Ok(view);
        }).WithName("GetProposal").RequireAccess("proposal.read");

        api.MapPost("/proposals/{id}/invitations", (string id, HttpContext http, IGrainFactory grains) =>
            Command<InviteRequest>(http, id, async (meta, r) =>
                CommandEndpoint.Required(r.Lead, "lead", "the lead author's member code")
                ?? InNameOf(http, "lead", r.Lead!)
                ?? Answer(http, id, await Proposal(grains, id).Invite(meta, new InviteCosigners(r.Lead!, r.Members ?? [], r.Deadline)))))
            .WithName("InviteCosigners").RequireAccess("proposal.invite");

        api.MapPost("/proposals/{id}/signatures", (string id, HttpContext http, IGrainFactory grains) =>
            Command<SignRequest>(http, id, async (meta, r) =>
            {
                if ((CommandEndpoint.Required(r.Member, "member", "the invited member's code") ?? InNameOf(http, "member", r.Member!)) is { } refused)
                {
                    return refused;
                }

                return r.Accept is not { } accept
                    ? Problems.Invalid("accept is required: true to sign, false to decline")
                    : Answer(http, id, await Proposal(grains, id).Sign(meta, new SignProposal(r.Member!, accept)));
            })).WithName("SignProposal").RequireAccess("proposal.sign");

        api.MapPost("/proposals/{id}/submission", (string id, HttpContext http, IGrainFactory grains) =>
            Command<SubmitProposalRequest>(http, id, async (meta, r) =>
                CommandEndpoint.Required(r.Lead, "lead", "the lead author's member code")
                ?? InNameOf(http, "lead", r.Lead!)
                ?? Answer(http, id, await Proposal(grains, id).Submit(meta, new SubmitProposal(r.Lead!)))))
            .WithName("SubmitProposal").RequireAccess("proposal.submit");

        api.MapPost("/proposals/{id}/withdrawal", (string id, HttpContext http, IGrainFactory grains) =>
            Command<WithdrawProposalRequest>(http, id, async (meta, r) =>
                CommandEndpoint.Required(r.Lead, "lead", "the lead author's member code")
                ?? InNameOf(http, "lead", r.Lead!)
                ?? Answer(http, id, await Proposal(grains, id).Withdraw(meta, new WithdrawProposal(r.Lead!, r.Reason)))))
            .WithName("WithdrawProposal").RequireAccess("proposal.withdraw");

        api.MapPost("/proposals/{id}/review", (string id, HttpContext http, IGrainFactory grains) =>
            Command<ReviewProposalRequest>(http, id, async (meta, r) =>
            {
                if (CommandEndpoint.Required(r.Committee, "committee", "the code of the committee whose office decides") is { } missing)
                {
                    return missing;
                }

                if (r.Action is not { } action)
                {
                    return Problems.Invalid("action is required: register, notRegister, merge, key, excellent or close");
                }

                var command = new ReviewProposal(r.Committee!, action, r.Reason, r.Into, r.LeadingLeader, r.ToReport ?? false, r.ReportBody);
                return Answer(http, id, await Proposal(grains, id).Review(meta, command));
            })).WithName("ReviewProposal").RequireAccess("proposal.review");

        api.MapPost("/proposals/{id}/assignment", (string id, HttpContext http, IGrainFactory grains) =>
            Command<AssignProposalRequest>(http, id, async (meta, r) =>
            {
                if ((CommandEndpoint.Required(r.Committee, "committee", "the code of the committee whose office assigns")
                    ?? CommandEndpoint.Required(r.LeadUnit, "leadUnit", "the lead handling unit's code")) is { } missing)
                {
                    return missing;
                }

                if (r.DueDate is not null && r.DueAt is not null)
                {
                    return Problems.Invalid("give dueDate or dueAt, not both");
                }

                // A due date means the end of that day in China (the last microsecond), computed within the day
                // so that 9999-12-31 is refused by the rules as too far away rather than overflowing.
                var dueAt = r.DueAt ?? (r.DueDate is { } date
                    ? new DateTimeOffset(date.ToDateTime(TimeOnly.MaxValue).AddTicks(-(TimeSpan.TicksPerMicrosecond - 1)), CivilTime.Offset)
                    : null);
                var command = new AssignProposal(r.Committee!, r.LeadUnit!, r.CoUnits ?? [], dueAt);
                return Answer(http, id, await Proposal(grains, id).Assign(meta, command));
            })).WithName("AssignProposal").RequireAccess("proposal.assign");

        api.MapPost("/proposals/{id}/answers", (string id, HttpContext http, IGrainFactory grains) =>
            Command<AnswerProposalRequest>(http, id, async (meta, r) =>
                CommandEndpoint.Required(r.Unit, "unit", "the answering handling unit's code")
                ?? Answer(http, id, await Proposal(grains, id).Answer(meta, new AnswerProposal(r.Unit!, r.Class, r.Text ?? "")))))
            .WithName("AnswerProposal").RequireAccess("proposal.answer");

        api.MapPost("/proposals/{id}/handback", (string id, HttpContext http, IGrainFactory grains) =>
            Command<HandBackProposalRequest>(http, id, async (meta, r) =>
                CommandEndpoint.Required(r.Unit, "unit", "the handling unit's code")
                ?? Answer(http, id, await Proposal(grains, id).HandBack(meta, new HandBackProposal(r.Unit!, r.Reason ?? "")))))
            .WithName("HandBackProposal").RequireAccess("proposal.handback");

        api.MapPost("/proposals/{id}/ratings", (string id, HttpContext http, IGrainFactory grains) =>
            Command<RateProposalRequest>(http, id, async (meta, r) =>
            {
                if ((CommandEndpoint.Required(r.Member, "member", "the rating proposer's member code") ?? InNameOf(http, "member", r.Member!)) is { } refused)
                {
                    return refused;
                }

                return r.Rating is not { } rating
                    ? Problems.Invalid("rating is required: satisfied, basically or dissatisfied")
                    : Answer(http, id, await Proposal(grains, id).Rate(meta, new RateProposal(r.Member!, rating)));
            })).WithName("RateProposal").RequireAccess("proposal.rate");

        api.MapGet("/committees/{code}/proposals", async (string code, string? status, string? session, string? overdue, string? limit, ProposalCatalog catalog, NetworkCatalog network, IGrainFactory grains) =>
        {
            if (Committee(network, code) is { } bad)
            {
                return bad;
            }

            if (status is not null && !ProposalStatus.InRegister.Contains(status))
            {
                return Problems.Invalid($"status '{UnitEndpoints.Shorten(status)}' is not one of {string.Join(", ", ProposalStatus.InRegister)}");
            }

            if (session is not null && !catalog.Sessions.IsSession(code, session))
            {
                return Problems.Invalid($"session '{UnitEndpoints.Shorten(session)}' is not a session of committee {code}; see /api/committees/{code}/sessions");
            }

            var (overdueOnly, badOverdue) = QueryValues.Bool("overdue", overdue);
            var (max, badLimit) = QueryValues.Int("limit", limit, 1, 5000);
            if ((badOverdue ?? badLimit) is { } badQuery)
            {
                return badQuery;
            }

            var items = await grains.GetGrain<IProposalOfficeGrain>(code).GetRegister(status, session, overdueOnly, max ?? 1000);
            return Results.Ok(new { Committee = code, Status = status, Session = session, Overdue = overdueOnly, Count = items.Count, Items = items });
        }).WithTags("Proposal register").WithName("GetProposalRegister").RequireAccess("proposal.register.read");

        api.MapGet("/committees/{code}/sessions", (string code, ProposalCatalog catalog, NetworkCatalog network, TimeProvider clock) =>
        {
            if (Committee(network, code) is { } bad)
            {
                return bad;
            }

            var (current, duringPlenary) = catalog.Sessions.At(code, clock.GetUtcNow());
            return Results.Ok(new { Committee = code, Current = current, DuringPlenary = duringPlenary, Sessions = catalog.Sessions.Of(code) });
        }).WithTags("Proposal register").WithName("GetSessions").RequireAccess("proposal.register.read");

        api.MapGet("/committees/{code}/handling-units", (string code, ProposalCatalog catalog, NetworkCatalog network) =>
            Committee(network, code) ?? Results.Ok(new
            {
                Committee = code,
                catalog.HandlingUnits.AnswerDays,
                catalog.HandlingUnits.DueSoonDays,
                Units = catalog.HandlingUnits.Of(code),
            })).WithTags("Handling units").WithName("GetHandlingUnits").RequireAccess("handling.read");

        api.MapGet("/handling-units/{code}", async (string code, string? all, ProposalCatalog catalog, IGrainFactory grains) =>
        {
            if (catalog.HandlingUnits.Find(code) is not { } unit)
            {
                return Domain.Network.UnitCodes.IsWellFormed(code)
                    ? Problems.NotFound($"'{code}' is not a handling unit")
                    : Problems.Invalid($"'{UnitEndpoints.Shorten(code)}' is not a handling unit code");
            }

            var (everything, badAll) = QueryValues.Bool("all", all);
            if (badAll is not null)
            {
                return badAll;
            }

            var queue = await grains.GetGrain<IHandlingUnitGrain>(code).GetQueue(everything);
            return Results.Ok(new { Unit = unit, Pending = queue.Count(i => i.Assignment.Active && i.Assignment.AnsweredAt is null), Overdue = queue.Count(i => i.Overdue), Queue = queue });
        }).WithTags("Handling units").WithName("GetHandlingUnit").RequireAccess("handling.read");
    }

    private static IProposalGrain Proposal(IGrainFactory grains, string id) => grains.GetGrain<IProposalGrain>(id);

    /// <summary>
    /// The member a proposer's command names (lead, member) must be within the caller's scope, as a report's
    /// author is: the gate let a co-signer or invitee see the proposal, not act in another proposer's name.
    /// </summary>
    private static IResult? InNameOf(HttpContext http, string field, string member) =>
        http.RequestServices.GetRequiredService<AccessGate>().CheckBody(http, AccessTarget.BodyUnit(field, member));

    private static Task<IResult> Command<TRequest>(HttpContext http, string? id, Func<CommandMeta, TRequest, Task<IResult>> run)
        where TRequest : class =>
        CommandEndpoint.Run(http, id, CheckId, Hints, run);

    private static IResult Answer(HttpContext http, string id, CommandResult result) =>
        CommandEndpoint.Answer(http, result, "proposalId", id, created: null);

    private static IResult? CheckId(string id) => ProposalIds.IsProposalId(id)
        ? null
        : Problems.Invalid($"'{UnitEndpoints.Shorten(id)}' is not a proposal id (P followed by 20 hexadecimal digits)");

    private static IResult? Committee(NetworkCatalog network, string code)
    {
        if (UnitEndpoints.Find(network, code, out var problem) is not { } unit)
        {
            return problem!;
        }

        return unit.Kind == UnitKind.Committee
            ? null
            : Problems.Invalid($"unit '{code}' is {UnitEndpoints.Describe(unit.Kind)}, not a committee");
    }
}
