using CommitteeGrid.Api.Tests.Infrastructure;

namespace CommitteeGrid.Api.Tests.Security;

/// <summary>Requests the fuzz run found answered with a server error, kept as plain cases once fixed.</summary>
[Collection(FuzzCollection.Name)]
public sealed class FuzzFindingsTests(DemoHostFixture host)
{
    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("0001-01-01")]
    public async Task An_assignment_due_at_the_ends_of_the_calendar_is_refused_not_a_server_error(string dueDate)
    {
        var api = host.Api;
        const string lead = "420607-M0030";
        var drafted = await api.Post("api/proposals", new { lead, title = "关于到期日的测试", body = "正文" });
        var id = drafted.Json!["proposalId"]!.GetValue<string>();
        Assert.Equal(200, (await api.Post($"api/proposals/{id}/submission", new { lead })).Code);
        Assert.Equal(200, (await api.Post($"api/proposals/{id}/review", new { committee = "420607", action = "register" })).Code);
        var before = await host.LedgerEntries();

        var assigned = await api.Post($"api/proposals/{id}/assignment", new { committee = "420607", leadUnit = "420607-H02", dueDate });

        Assert.True(assigned.Code == 400, assigned.ToString());
        Assert.Equal("application/problem+json", assigned.MediaType);
        Assert.Contains(dueDate == "9999-12-31" ? "days away" : "not in the future", assigned.Detail, StringComparison.Ordinal);
        Assert.Equal(before, await host.LedgerEntries());
    }
}
