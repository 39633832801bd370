using CommitteeGrid.Abstractions.Grains;
using CommitteeGrid.Domain.Access;
using CommitteeGrid.Domain.Proposals;
using CommitteeGrid.Grains.Services;
using CommitteeGrid.Host.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace CommitteeGrid.Host.Security;

/// <summary>
/// The one place access is enforced: middleware in front of every endpoint. It reads the endpoint's
/// operation (AccessMetadata), finds the unit the request concerns from the route ({code}: a unit;
/// {id}: a report, as its authors and the committees whose inbox it reached) and asks the AccessPolicy.
/// Commands whose unit is in the body are checked by the command helper through <see cref="CheckBody"/>.
/// </summary>
public sealed class AccessGate(AccessPolicy policy, NetworkCatalog catalog, ProposalCatalog proposals, IGrainFactory grains)
{
    public AccessPolicy Policy => policy;

    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        var endpoint = http.GetEndpoint();
        if (endpoint is null)
        {
            await next(http);
            return;
        }

        var caller = CallerClaims.Of(http.User);
        var access = endpoint.Metadata.GetMetadata<AccessMetadata>();
        if (access is null)
        {
            // Nothing says what this endpoint does, so nobody may use it.
            await Refuse(http, caller is null
                ? AccessDecision.Unauthenticated("sign in first")
                : AccessDecision.Forbidden("this endpoint names no operation of the access policy, so it is refused to everybody"));
            return;
        }

        if (policy.IsAnonymous(access.Operation))
        {
            await next(http);
            return;
        }

        var decision = policy.Decide(caller, access.Operation, AccessTarget.None, catalog.Network);
        if (!decision.Allowed && caller is not null && policy.RolesFor(access.Operation).Contains(caller.Role, StringComparer.Ordinal))
        {
            // The role may, within its scope: check the scope against what the request concerns.
            var (target, missing) = await RouteTarget(http);
            decision = missing is not null ? missing
                : target is not null ? policy.Decide(caller, access.Operation, target, catalog.Network)
                : access.TargetInBody ? AccessDecision.Allow
                : decision;
        }

        if (!decision.Allowed)
        {
            await Refuse(http, decision);
            return;
        }

        await next(http);
    }

    /// <summary>The policy's answer for a unit named in a command's body; null when allowed.</summary>
    public IResult? CheckBody(HttpContext http, AccessTarget target)
    {
        var access = http.GetEndpoint()?.Metadata.GetMetadata<AccessMetadata>();
        if (access is null)
        {
            return Problems.Of(Abstractions.Commands.RejectionKind.Forbidden, "this endpoint names no operation of the access policy");
        }

        var decision = policy.Decide(CallerClaims.Of(http.User), access.Operation, target, catalog.Network);
        return decision.Allowed ? null : AsProblem(decision);
    }

    private async Task<(AccessTarget? Target, AccessDecision? Missing)> RouteTarget(HttpContext http)
    {
        // A route that names a unit ({code}, e.g. a unit's webhook {id}) concerns that unit, whatever its {id}
        // looks like: an id shaped like the caller's own report must not stand in for a unit outside the scope.
        if (http.Request.RouteValues.TryGetValue("code", out var codeValue) && codeValue is string code)
        {
            // A handling unit (government department) is not in the network: it belongs to its committee.
            return (AccessTarget.Unit(proposals.HandlingUnits.Find(code)?.Committee ?? code), null);
        }

        if (http.Request.RouteValues.TryGetValue("id", out var idValue) && idValue is string id && Api.RequestContext.IsReportId(id))
        {
            var view = await grains.GetGrain<IInfoReportGrain>(id).GetView();
            return view is null
                ? (null, AccessDecision.Hidden(AccessPolicy.HiddenReport($"report {id}")))
                : (AccessTarget.Report(id, [view.Lead, .. view.CoAuthors], view.Levels.Select(l => l.Committee)), null);
        }

        if (http.Request.RouteValues.TryGetValue("id", out var pid) && pid is string proposalId && ProposalIds.IsProposalId(proposalId))
        {
            // A proposal concerns its proposers (lead, co-signers, invitees, those of proposals merged into it)
            // and the committee that reviews it.
            var view = await grains.GetGrain<IProposalGrain>(proposalId).GetView();
            return view is null
                ? (null, AccessDecision.Hidden($"proposal {proposalId} does not exist or is outside your scope"))
                : (AccessTarget.Entity("proposal", proposalId,
                [
                    view.Lead, .. view.Cosigners, .. view.Invitations.Select(i => i.Member),
                    .. view.Absorbed.SelectMany(a => a.Cosigners.Prepend(a.Lead)), view.Committee,
                ]), null);
        }

        if (http.Request.RouteValues.TryGetValue("id", out var did) && did is string dutyId && ProposalIds.IsId(dutyId, 'D'))
        {
            // A duty record concerns the member who reported it, or the attendees and the unit that organised it.
            var view = await grains.GetGrain<IDutyRecordGrain>(dutyId).GetView();
            IEnumerable<string?> units = view is null ? [] : [view.Member, view.Group, view.Organiser, .. view.Attendees];
            return view is null
                ? (null, AccessDecision.Hidden($"duty record {dutyId} does not exist or is outside your scope"))
                : (AccessTarget.Entity("duty record", dutyId, units.OfType<string>()), null);
        }

        // A malformed id: the endpoint explains what is wrong with it (it names nothing to protect).
        return http.Request.RouteValues.ContainsKey("id") ? (AccessTarget.Unit(""), null) : (null, null);
    }

    private static async Task Refuse(HttpContext http, AccessDecision decision)
    {
        if (decision.Status == StatusCodes.Status401Unauthorized)
        {
            // The bearer handler writes 401 with WWW-Authenticate and a problem body (AuthSetup).
            await http.ChallengeAsync(JwtBearerDefaults.AuthenticationScheme);
            return;
        }

        await AsProblem(decision).ExecuteAsync(http);
    }

    private static IResult AsProblem(AccessDecision decision) => decision.Status switch
    {
        StatusCodes.Status404NotFound => Problems.NotFound(decision.Detail),
        StatusCodes.Status401Unauthorized => Results.Problem(statusCode: 401, title: "Sign-in required", detail: decision.Detail),
        _ => Problems.Of(Abstractions.Commands.RejectionKind.Forbidden, decision.Detail),
    };
}
