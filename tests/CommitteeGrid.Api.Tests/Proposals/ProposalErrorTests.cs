using CommitteeGrid.Api.Tests.Infrastructure;
using static CommitteeGrid.Api.Tests.Proposals.ProposalKit;

namespace CommitteeGrid.Api.Tests.Proposals;

/// <summary>
/// Every way a proposal or duty request can be wrong, or not the sender's to make: a 4xx problem whose
/// detail says what, and the ledger does not move.
/// </summary>
[Collection(ProposalsCollection.Name)]
public sealed class ProposalErrorTests(DemoHostFixture host)
{
    private const string Lead = "420607-M0080";
    private const string Cosigner = "420607-M0081";
    private const string Unknown = "P00000000000000000000";

    private readonly ProposalKit _kit = new(host.Api);

    public static TheoryData<string> Cases
    {
        get
        {
            var names = new TheoryData<string>();
            foreach (var name in All.Keys)
            {
                names.Add(name);
            }

            return names;
        }
    }

    private sealed record Prepared(string Draft, string Submitted, string Registered);

    private sealed record Case(int Status, string[] Mentions, Func<ApiClient, Prepared, Task<ApiResponse>> Send);

    private static readonly Dictionary<string, Case> All = new()
    {
        ["malformed proposal id"] = new(400, ["is not a proposal id"], (api, _) => api.Get("api/proposals/P123")),
        ["unknown proposal"] = new(404, ["does not exist"], (api, _) => api.Get($"api/proposals/{Unknown}")),
        ["missing idempotency key"] = new(400, ["Idempotency-Key"], (api, p) => api.PostRaw($"api/proposals/{p.Draft}/submission", $$"""{"lead":"{{Lead}}"}""", "application/json", key: null, TestUser.Member(Lead))),
        ["unknown field"] = new(400, ["unknown field 'colour'"], (api, _) => api.Post("api/proposals", new { lead = Lead, title = "t", body = "b", colour = "red" }, actor: TestUser.Member(Lead))),
        ["missing lead"] = new(400, ["lead", "is required"], (api, _) => api.Post("api/proposals", new { title = "t", body = "b" }, actor: TestUser.Member(Lead))),
        ["empty title"] = new(400, ["title is required"], (api, _) => api.Post("api/proposals", new { lead = Lead, title = " ", body = "b" }, actor: TestUser.Member(Lead))),
        ["unknown review action"] = new(400, ["action must be one of register, notRegister, merge"], (api, p) => api.Post($"api/proposals/{p.Submitted}/review", new { committee = Xiangzhou, action = "approve" }, actor: Office)),
        ["bad answer class"] = new(400, ["class must be A, B or C"], (api, p) => api.Post($"api/proposals/{p.Registered}/answers", new { unit = "420607-H01", @class = "D", text = "x" }, actor: Office)),
        ["bad deadline"] = new(400, ["deadline must be a date and time"], (api, p) => api.Post($"api/proposals/{p.Draft}/invitations", new { lead = Lead, members = new[] { Cosigner }, deadline = "tomorrow" }, actor: TestUser.Member(Lead))),
        ["invite without deadline"] = new(400, ["deadline", "required with the first invitation"], (api, p) => api.Post($"api/proposals/{p.Draft}/invitations", new { lead = Lead, members = new[] { Cosigner } }, actor: TestUser.Member(Lead))),
        ["sign without being invited"] = new(403, ["was not invited"], (api, p) => api.Post($"api/proposals/{p.Draft}/signatures", new { member = Lead, accept = true }, actor: TestUser.Member(Lead))),
        ["someone else submits"] = new(404, ["does not exist or is outside your scope"], (api, p) => api.Post($"api/proposals/{p.Draft}/submission", new { lead = "420607-M0099" }, actor: TestUser.Member("420607-M0099"))),
        ["register a draft"] = new(409, ["is draft", "has not been submitted"], (api, p) => api.Post($"api/proposals/{p.Draft}/review", new { committee = Xiangzhou, action = "register" }, actor: Office)),
        ["register twice"] = new(409, ["already decided"], (api, p) => api.Post($"api/proposals/{p.Registered}/review", new { committee = Xiangzhou, action = "register" }, actor: Office)),
        ["another committee's office"] = new(404, ["does not exist or is outside your scope"], (api, p) => api.Post($"api/proposals/{p.Submitted}/review", new { committee = "420625", action = "register" }, actor: TestUser.Staff("420625"))),
        ["a member reviews"] = new(403, ["may not perform proposal.review"], (api, p) => api.Post($"api/proposals/{p.Submitted}/review", new { committee = Xiangzhou, action = "register" }, actor: TestUser.Member(Lead))),
        ["not registered without a reason"] = new(400, ["reason is required"], (api, p) => api.Post($"api/proposals/{p.Submitted}/review", new { committee = Xiangzhou, action = "notRegister" }, actor: Office)),
        ["merge into a proposal not registered"] = new(409, ["only into a registered proposal"], (api, p) => api.Post($"api/proposals/{p.Submitted}/review", new { committee = Xiangzhou, action = "merge", into = p.Draft }, actor: Office)),
        ["assign to another committee's unit"] = new(400, ["answers committee 420600's proposals"], (api, p) => api.Post($"api/proposals/{p.Registered}/assignment", new { committee = Xiangzhou, leadUnit = "420600-H01" }, actor: Office)),
        ["assign with both due forms"] = new(400, ["dueDate or dueAt, not both"], (api, p) => api.Post($"api/proposals/{p.Registered}/assignment", new { committee = Xiangzhou, leadUnit = "420607-H01", dueDate = "2027-01-01", dueAt = "2027-01-01T00:00:00+08:00" }, actor: Office)),
        ["answer before assignment"] = new(409, ["not assigned to any handling unit"], (api, p) => api.Post($"api/proposals/{p.Registered}/answers", new { unit = "420607-H01", @class = "A", text = "x" }, actor: Office)),
        ["rate before the answer"] = new(409, ["once a handling unit has answered"], (api, p) => api.Post($"api/proposals/{p.Registered}/ratings", new { member = Lead, rating = "satisfied" }, actor: TestUser.Member(Lead))),
        ["bad register status"] = new(400, ["status 'pending' is not one of"], (api, _) => api.Get($"api/committees/{Xiangzhou}/proposals?status=pending")),
        ["bad register session"] = new(400, ["session '9-9' is not a session of committee 420607"], (api, _) => api.Get($"api/committees/{Xiangzhou}/proposals?session=9-9")),
        ["bad overdue flag"] = new(400, ["overdue must be true or false"], (api, _) => api.Get($"api/committees/{Xiangzhou}/proposals?overdue=yes")),
        ["register of a group"] = new(400, ["not a committee"], (api, _) => api.Get("api/committees/420607-G01/proposals")),
        ["unknown handling unit"] = new(404, ["is not a handling unit"], (api, _) => api.Get("api/handling-units/420607-H99")),
        ["duty without kind"] = new(400, ["kind is required"], (api, _) => api.Post("api/duty-records", new { title = "t", date = China.Today, member = Lead }, actor: TestUser.Member(Lead))),
        ["duty of an unknown kind"] = new(400, ["kind must be one of plenary"], (api, _) => api.Post("api/duty-records", new { kind = "party", title = "t", date = China.Today, member = Lead }, actor: TestUser.Member(Lead))),
        ["member reports a plenary"] = new(400, ["recorded by the committee that organised them"], (api, _) => api.Post("api/duty-records", new { kind = "plenary", title = "t", date = China.Today, member = Lead }, actor: TestUser.Member(Lead))),
        ["member reports for another"] = new(403, ["outside"], (api, _) => api.Post("api/duty-records", new { kind = "deed", title = "t", date = China.Today, member = Cosigner }, actor: TestUser.Member(Lead))),
        ["duty in the future"] = new(400, ["is in the future"], (api, _) => api.Post("api/duty-records", new { kind = "deed", title = "t", date = China.Tomorrow, member = Lead }, actor: TestUser.Member(Lead))),
        ["confirm an unknown record"] = new(404, ["does not exist"], (api, _) => api.Post("api/duty-records/D00000000000000000000/confirmation", new { group = "420607-G01", confirm = true }, actor: TestUser.GroupLeader("420607-G01"))),
        ["malformed duty record id"] = new(400, ["is not a duty record id"], (api, _) => api.Get("api/duty-records/D12")),
        ["duty book of a committee"] = new(400, ["not an activity group"], (api, _) => api.Get($"api/groups/{Xiangzhou}/duty-records")),
        ["bad duty book status"] = new(400, ["status 'recorded' is not one of"], (api, _) => api.Get("api/groups/420607-G01/duty-records?status=recorded")),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Error_answers_a_problem_that_names_it_and_changes_nothing(string name)
    {
        var error = All[name];
        var prepared = await host.Shared("proposal-errors", Prepare);
        var before = await host.LedgerEntries();

        var response = await error.Send(host.Api, prepared);

        Assert.True(response.Code == error.Status, $"{name}: expected {error.Status}, got {response}");
        Assert.Equal("application/problem+json", response.MediaType);
        foreach (var words in error.Mentions)
        {
            Assert.True(response.Detail?.Contains(words, StringComparison.Ordinal) == true, $"{name}: the detail \"{response.Detail}\" does not mention \"{words}\"");
        }

        Assert.Equal(before, await host.LedgerEntries());
    }

    private static async Task<Prepared> Prepare(ApiClient api)
    {
        var kit = new ProposalKit(api);
        var draft = await kit.Draft(Lead);
        var submitted = await kit.Submitted(Lead);
        var registered = await kit.Submitted(Lead);
        await Ok(api.Post($"api/proposals/{registered}/review", new { committee = Xiangzhou, action = "register" }, actor: Office));
        return new Prepared(draft, submitted, registered);
    }
}
