using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Abstractions.Duty;
using CommitteeGrid.Abstractions.Grains;
using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Domain.Access;
using CommitteeGrid.Domain.Duty;
using CommitteeGrid.Domain.Network;
using CommitteeGrid.Domain.Proposals;
using CommitteeGrid.Grains.Services;
using CommitteeGrid.Host.Security;

namespace CommitteeGrid.Host.Api;

/// <summary>
/// Duty records (履职登记): recorded by the organiser for all attendees, or reported by a member and confirmed
/// by the member's group; a group's book of reports; the "six ones" (六个一) of a member or any unit.
/// </summary>
internal static class DutyEndpoints
{
    private static readonly Dictionary<string, string> Hints = new(StringComparer.Ordinal)
    {
        ["kind"] = "kind must be one of plenary, standing, activity, inspection, household, deed, reportBack",
        ["date"] = "date must be a date written yyyy-MM-dd",
        ["count"] = "count must be a whole number",
        ["confirm"] = "confirm must be true or false",
        ["attendees"] = "attendees must be a list of member codes",
    };

    public static void MapDutyEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Duty records");

        api.MapPost("/duty-records", (HttpContext http, IGrainFactory grains) =>
            Command<RecordDutyRequest>(http, null, async (meta, r) =>
            {
                if (r.Kind is not { } kind)
                {
                    return Problems.Invalid("kind is required: plenary, standing, activity, inspection, household, deed or reportBack");
                }

                if (r.Date is not { } date)
                {
                    return Problems.Invalid("date (the day the duty was done, yyyy-MM-dd) is required");
                }

                // Self-reported records concern the member; attendance concerns the organising unit.
                var concerns = r.Member ?? r.Organiser;
                if (concerns is not null && http.RequestServices.GetRequiredService<AccessGate>().CheckBody(http, AccessTarget.BodyUnit(r.Member is null ? "organiser" : "member", concerns)) is { } refused)
                {
                    return refused;
                }

                var id = RequestContext.NewId('D', meta);
                var command = new RecordDuty(kind, r.Title ?? "", date, r.Organiser, r.Attendees ?? [], r.Member, r.Count ?? 1);
                var result = await grains.GetGrain<IDutyRecordGrain>(id).Record(meta, command);
                return CommandEndpoint.Answer(http, result, "recordId", id, created: $"/api/duty-records/{id}");
            })).WithName("RecordDuty").RequireAccess("duty.record", targetInBody: true);

        api.MapPost("/duty-records/{id}/confirmation", (string id, HttpContext http, IGrainFactory grains) =>
            Command<ConfirmDutyRequest>(http, id, async (meta, r) =>
            {
                if (CommandEndpoint.Required(r.Group, "group", "the member's activity group") is { } missing)
                {
                    return missing;
                }

                if (r.Confirm is not { } confirm)
                {
                    return Problems.Invalid("confirm is required: true to confirm, false to reject (with a reason)");
                }

                var result = await grains.GetGrain<IDutyRecordGrain>(id).Confirm(meta, new ConfirmDuty(r.Group!, confirm, r.Reason));
                return CommandEndpoint.Answer(http, result, "recordId", id, created: null);
            })).WithName("ConfirmDuty").RequireAccess("duty.confirm");

        api.MapGet("/duty-records/{id}", async (string id, IGrainFactory grains) =>
        {
            if (CheckId(id) is { } bad)
            {
                return bad;
            }

            var view = await grains.GetGrain<IDutyRecordGrain>(id).GetView();
            return view is null ? Problems.NotFound($"duty record {id} does not exist") : Results.Ok(view);
        }).WithName("GetDutyRecord").RequireAccess("duty.read");

        api.MapGet("/groups/{code}/duty-records", async (string code, string? status, string? member, string? limit, NetworkCatalog catalog, IGrainFactory grains) =>
        {
            if (UnitEndpoints.Find(catalog, code, out var problem) is not { } unit)
            {
                return problem!;
            }

            if (unit.Kind != UnitKind.ActivityGroup)
            {
                return Problems.Invalid($"unit '{code}' is {UnitEndpoints.Describe(unit.Kind)}, not an activity group; members report their duty to their group");
            }

            if (status is not null && !DutyStatus.Reported.Contains(status))
            {
                return Problems.Invalid($"status '{UnitEndpoints.Shorten(status)}' is not one of {string.Join(", ", DutyStatus.Reported)}");
            }

            if (member is not null && (catalog.Network.Find(member) is not { Kind: UnitKind.Member } found || found.ParentCode != code))
            {
                return Problems.Invalid($"'{UnitEndpoints.Shorten(member)}' is not a member of group {code}");
            }

            var (max, badLimit) = QueryValues.Int("limit", limit, 1, 1000);
            if (badLimit is not null)
            {
                return badLimit;
            }

            var items = await grains.GetGrain<IDutyBookGrain>(code).GetItems(status, member, max ?? 100);
            return Results.Ok(new { Group = code, Status = status, Member = member, Items = items });
        }).WithName("GetGroupDutyRecords").RequireAccess("duty.read");

        api.MapGet("/units/{code}/six-ones", async (string code, string? year, NetworkCatalog catalog, IGrainFactory grains, TimeProvider clock) =>
        {
            if (UnitEndpoints.Find(catalog, code, out var problem) is not { } unit)
            {
                return problem!;
            }

            var (y, badYear) = YearParam.Parse(year, clock);
            if (badYear is not null)
            {
                return badYear;
            }

            if (unit.Kind == UnitKind.Member)
            {
                var tally = await grains.GetGrain<IMemberGrain>(code).GetTally(y);
                return Results.Ok(SixOnes.Of(code, y, tally.Counters));
            }

            var members = await MembersBelow(catalog.Network, unit, y, grains);
            return Results.Ok(new
            {
                Unit = code,
                Year = y,
                Members = members.Count,
                Complete = members.Count(m => m.Complete),
                Missing = SixOnes.Items.ToDictionary(i => i.Item, i => members.Count(m => m.Missing.Contains(i.Item))),
                MemberProgress = unit.Kind == UnitKind.ActivityGroup ? members : null,
            });
        }).WithName("GetSixOnes").RequireAccess("duty.read");
    }

    /// <summary>Every member's six ones under a unit, asked of the activity groups of its subtree (in batches).</summary>
    private static async Task<List<SixOnesProgress>> MembersBelow(CommitteeNetwork network, NetworkUnit unit, int year, IGrainFactory grains)
    {
        var result = new List<SixOnesProgress>();
        foreach (var batch in network.Subtree(unit).Where(u => u.Kind == UnitKind.ActivityGroup).Chunk(200))
        {
            foreach (var members in await Task.WhenAll(batch.Select(g => grains.GetGrain<IActivityGroupGrain>(g.Code).GetSixOnes(year))))
            {
                result.AddRange(members);
            }
        }

        return result;
    }

    private static Task<IResult> Command<TRequest>(HttpContext http, string? id, Func<CommandMeta, TRequest, Task<IResult>> run)
        where TRequest : class =>
        CommandEndpoint.Run(http, id, CheckId, Hints, run);

    private static IResult? CheckId(string id) => ProposalIds.IsId(id, 'D')
        ? null
        : Problems.Invalid($"'{UnitEndpoints.Shorten(id)}' is not a duty record id (D followed by 20 hexadecimal digits)");
}
