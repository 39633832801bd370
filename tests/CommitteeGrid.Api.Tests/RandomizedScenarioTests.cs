using System.Diagnostics;
using CommitteeGrid.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CommitteeGrid.Api.Tests;

/// <summary>
/// A seeded random mix of submissions, legal and illegal actions at every level, retries and reused
/// keys, eight at a time against a generated network. The test keeps its own count of what the answers
/// say was accepted; afterwards the host's ledger check and its tallies must agree with that count.
/// </summary>
[Collection(RandomizedCollection.Name)]
public sealed class RandomizedScenarioTests(SyntheticHostFixture host, ITestOutputHelper output)
{
    private const int Workers = 8;
    private const int RequestsPerWorker = 200;
    private const int Seed = 20_261_123;

    private static readonly string[] LeaderTitles = ["主席", "副主席", "秘书长"];

    private readonly TreeModel _tree = new(host.Document);

    [Fact]
    public async Task Random_traffic_is_counted_exactly_as_the_answers_said()
    {
        var expected = new ExpectedCounts(_tree);
        var year = China.Year;
        var ledgerBefore = await host.LedgerEntries();
        var clock = Stopwatch.StartNew();

        // Each worker owns the reports it submits, so it knows each one's state exactly and can say
        // beforehand what every request must get; the workers still run concurrently with each other.
        var workers = await Task.WhenAll(Enumerable.Range(0, Workers).Select(w => RunWorker(w, expected)));
        var traffic = clock.Elapsed;

        var answers = workers.SelectMany(w => w.Answers).ToList();
        var accepted = workers.Sum(w => w.Accepted);
        var wrong = workers.SelectMany(w => w.Wrong).ToList();
        output.WriteLine($"{answers.Count} requests in {traffic.TotalSeconds:F1} s; accepted (new ledger entries) {accepted}; by status: "
            + string.Join(", ", answers.GroupBy(a => a).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}")));

        var failures = new List<string>();
        failures.AddRange(wrong.Take(20).Select(w => "unexpected answer: " + w));

        clock.Restart();
        var verify = await host.Api.Get($"api/verify/{_tree.Root}?waitSeconds=30");
        output.WriteLine($"verify answered in {clock.Elapsed.TotalSeconds:F1} s: {verify.Text[..Math.Min(300, verify.Text.Length)]}");
        if (verify.Code != 200 || verify.Json!["ok"]!.GetValue<bool>() != true || verify.Json["differences"]!.AsArray().Count != 0)
        {
            failures.Add($"verify is not ok: {verify}");
        }
        else if (verify.Json["ledgerEntries"]!.GetValue<long>() != ledgerBefore + accepted)
        {
            failures.Add($"the ledger has {verify.Json["ledgerEntries"]} entries; the answers accepted {accepted} new commands after {ledgerBefore}");
        }

        // The rollups agree with the ledger; now they must agree with the test's own count too.
        var random = new Random(Seed);
        var credited = expected.CreditedMembers(_tree.Members);
        var uncredited = _tree.Members.Except(credited).ToList();
        var units = new List<string> { _tree.Root };
        units.AddRange(new[] { "province", "city", "county" }.SelectMany(_tree.CommitteesAt));
        units.AddRange(credited.OrderBy(_ => random.Next()).Take(40));
        units.AddRange(uncredited.OrderBy(_ => random.Next()).Take(10));
        units.AddRange(_tree.Groups.OrderBy(_ => random.Next()).Take(10));
        foreach (var unit in units)
        {
            var tally = await host.Api.Get($"api/units/{unit}/tally?year={year}");
            if (tally.Code != 200)
            {
                failures.Add($"tally of {unit}: {tally}");
                continue;
            }

            var actual = tally.Json!["counters"]!.AsObject().ToDictionary(c => c.Key, c => c.Value!.GetValue<long>());
            var want = expected.Of(unit);
            failures.AddRange(actual.Keys.Union(want.Keys).Order(StringComparer.Ordinal)
                .Where(k => actual.GetValueOrDefault(k) != want.GetValueOrDefault(k))
                .Select(k => $"tally of {unit}: {k} is {actual.GetValueOrDefault(k)}, the answers say {want.GetValueOrDefault(k)}"));
        }

        output.WriteLine($"compared {units.Count} tallies ({credited.Count} members were credited)");
        Assert.True(answers.Count >= 1500, $"only {answers.Count} requests were sent");
        Assert.True(failures.Count == 0, $"{wrong.Count} unexpected answers (first 20 listed) and these failures:\n" + string.Join("\n", failures.Take(60)));

        // The mix must really have covered the paths it claims to.
        foreach (var status in new[] { 200, 201, 400, 403, 404, 409, 422 })
        {
            Assert.Contains(status, answers);
        }

        Assert.True(workers.Sum(w => w.Replays) > 0, "no retry was answered as a replay");
    }

    private async Task<WorkerResult> RunWorker(int worker, ExpectedCounts expected)
    {
        var state = new WorkerState(worker, new Random(Seed + worker));
        var result = new WorkerResult();
        for (var step = 0; step < RequestsPerWorker; step++)
        {
            var plan = Plan(state, step, expected);
            var response = await host.Api.Post(plan.Path, plan.Body, plan.Key, plan.Actor);
            result.Answers.Add(response.Code);
            if (response.Code != plan.Expected || response.Replayed != plan.ExpectReplay)
            {
                result.Wrong.Add($"worker {worker} step {step}: {plan.Description} (POST {plan.Path} {System.Text.Json.JsonSerializer.Serialize(plan.Body, ApiClient.JsonOptions)}) expected {plan.Expected}{(plan.ExpectReplay ? " replayed" : "")}, got {response}{(response.Replayed ? " replayed" : "")}");
            }

            if (response.Replayed)
            {
                result.Replays++;
            }
            else if (response.IsSuccess)
            {
                // Count what the answer says happened, whatever the test expected.
                result.Accepted++;
                plan.OnAccepted?.Invoke(response);
                state.LastAccepted = plan;
            }
        }

        return result;
    }

    /// <summary>The next request of one worker, with the answer it must get and what it changes if accepted.</summary>
    private Planned Plan(WorkerState state, int step, ExpectedCounts expected)
    {
        var random = state.Random;
        var roll = random.NextDouble();
        if (state.LastAccepted is { } last && roll < 0.06)
        {
            return last with { Description = "retry of: " + last.Description, Expected = 200, ExpectReplay = true, OnAccepted = null };
        }

        if (state.LastAccepted is { } reused && roll < 0.09)
        {
            return reused with { Body = reused.Variant(), Description = "key reused with another body after: " + reused.Description, Expected = 422, ExpectReplay = false, OnAccepted = null };
        }

        if (roll < 0.11)
        {
            var unknown = "R" + Convert.ToHexStringLower(BitConverter.GetBytes(random.NextInt64()))[..16] + "0000";
            return Action(new ModelReport(unknown, _tree.Members[0], _tree.Root, "national"), _tree.Root, new { committee = _tree.Root, action = "adopt" }, "action on a report that does not exist", 404, null);
        }

        var open = state.Reports.Where(r => r.IsOpen).ToList();
        if (open.Count == 0 || roll < 0.27)
        {
            return Submission(state, step, expected);
        }

        var report = open[random.Next(open.Count)];
        if (report.Awaiting is { } awaiting && random.NextDouble() < 0.6)
        {
            return Revision(state, report, awaiting, step);
        }

        return Act(state, report, step, expected);
    }

    private Planned Submission(WorkerState state, int step, ExpectedCounts expected)
    {
        var random = state.Random;
        var lead = _tree.Members[random.Next(_tree.Members.Count)];
        var coAuthors = Enumerable.Range(0, random.Next(3)).Select(_ => _tree.Members[random.Next(_tree.Members.Count)]).Where(m => m != lead).Distinct().ToArray();
        var title = $"随机报告 {state.Worker}-{step}";
        object Body(string author, string[] co, string t) => new { author, coAuthors = co, title = t, body = "关于基层治理的若干建议。" };
        Func<object> variant = () => Body(lead, coAuthors, title + "（另一份）");

        var kind = random.NextDouble();
        if (kind < 0.05)
        {
            return new Planned("submission by an unknown author", "api/reports", Body("ZZ-NOBODY", [], title), ApiClient.NewKey(), TestUser.Member(lead), 400, false, null, variant);
        }

        if (kind < 0.10)
        {
            return new Planned("submission naming the lead as co-author", "api/reports", Body(lead, [lead], title), ApiClient.NewKey(), TestUser.Member(lead), 400, false, null, variant);
        }

        if (kind < 0.14)
        {
            return new Planned("submission without a title", "api/reports", Body(lead, coAuthors, " "), ApiClient.NewKey(), TestUser.Member(lead), 400, false, null, variant);
        }

        var committee = _tree.CommitteeOf(lead);
        return new Planned($"submission by {lead} to {committee}", "api/reports", Body(lead, coAuthors, title), ApiClient.NewKey(), TestUser.Member(lead), 201, false, response =>
        {
            state.Reports.Add(new ModelReport(response.ReportId!, lead, committee, _tree.LevelOf(committee)));
            expected.Credit(lead, "report.submitted");
        }, variant);
    }

    private Planned Revision(WorkerState state, ModelReport report, ModelLevel awaiting, int step)
    {
        var random = state.Random;
        var path = $"api/reports/{report.Id}/revision";
        object Body(string author, string title) => new { author, title, body = "已补充数据来源。" };
        var title = $"修改稿 {state.Worker}-{step}";
        Func<object> variant = () => Body(report.Lead, title + "（另一稿）");
        if (random.NextDouble() < 0.1)
        {
            var other = _tree.Members[random.Next(_tree.Members.Count)];
            if (other != report.Lead)
            {
                // Entered by the county office (a member could not even see another's report): the rule refuses anyone but the lead.
                return new Planned("revision by someone other than the lead", path, Body(other, title), ApiClient.NewKey(), TestUser.Staff(report.Levels[0].Committee), 403, false, null, variant);
            }
        }

        return new Planned($"revision of {report.Id} returned by {awaiting.Committee}", path, Body(report.Lead, title), ApiClient.NewKey(), TestUser.Member(report.Lead), 200, false, _ => awaiting.Awaiting = false, variant);
    }

    private Planned Act(WorkerState state, ModelReport report, int step, ExpectedCounts expected)
    {
        var random = state.Random;

        // Where: mostly where the report stands, sometimes a level it has passed, a committee it has
        // not reached, something that is not a committee, or a code that does not exist.
        var place = random.NextDouble();
        var committee = place switch
        {
            < 0.70 => report.Top.Committee,
            < 0.82 => report.Levels[random.Next(report.Levels.Count)].Committee,
            < 0.90 => _tree.ParentCommittee(report.Top.Committee) ?? _tree.Committees[random.Next(_tree.Committees.Count)],
            < 0.95 => _tree.Groups[random.Next(_tree.Groups.Count)],
            _ => $"ZZ-{state.Worker}-{step}",
        };

        var what = random.NextDouble();
        if (what < 0.04)
        {
            // A revision of a report nobody returned.
            var title = $"未退回的修改 {state.Worker}-{step}";
            object Body(string t) => new { author = report.Lead, title = t, body = "正文" };
            return new Planned("revision of a report that was not returned", $"api/reports/{report.Id}/revision", Body(title), ApiClient.NewKey(), TestUser.Member(report.Lead),
                report.Awaiting is null ? 409 : 200, false, _ => report.Awaiting!.Awaiting = false, () => Body(title + "（另一稿）"));
        }

        var action = what switch
        {
            < 0.34 => "adopt",
            < 0.64 => "forward",
            < 0.80 => "endorse",
            < 0.90 => "return",
            _ => "decline",
        };
        var extra = random.NextDouble();
        var parent = _tree.IsCommittee(committee) ? _tree.ParentCommittee(committee) : null;
        string? forwardTo = action == "forward" && extra < 0.3 ? parent : action == "forward" && extra < 0.4 ? _tree.Root : null;
        string? reason = action switch
        {
            "return" when extra < 0.15 => null,
            "return" => $"请补充材料 {step}",
            "decline" when extra < 0.5 => $"不予采用 {step}",
            _ => null,
        };
        var leaderTitle = action == "endorse" && extra >= 0.05 ? LeaderTitles[random.Next(LeaderTitles.Length)] : null;
        var date = action != "endorse" || (extra >= 0.05 && extra < 0.10) ? null : extra < 0.15 ? China.Tomorrow : China.Today;
        var body = new { committee, action, reason, leaderTitle, date, forwardTo };
        var variant = () => new { committee, action = "decline", reason = (string?)$"另一请求 {Guid.NewGuid():N}", leaderTitle = (string?)null, date = (string?)null, forwardTo = (string?)null };

        var (status, apply) = Judge(report, committee, action, reason, leaderTitle, date, forwardTo, expected);
        return Action(report, committee, body, $"{action} of {report.Id} at {committee}", status, apply, variant);
    }

    /// <summary>
    /// The rules of an information report as the API documents them: what an office may do with a
    /// report at its level, and which piece-time each accepted step counts.
    /// </summary>
    private (int Status, Action<ApiResponse>? Apply) Judge(ModelReport report, string committee, string action, string? reason, string? leaderTitle, string? date, string? forwardTo, ExpectedCounts expected)
    {
        if (!_tree.IsCommittee(committee))
        {
            return (400, null);
        }

        var level = report.At(committee);
        if (level is null)
        {
            return (409, null);
        }

        var blocked = level.Declined || level.Awaiting;
        void Credit(string counter) => expected.Credit(report.Lead, counter);
        switch (action)
        {
            case "adopt":
                return level.Adopted || blocked
                    ? (409, null)
                    : (200, _ =>
                    {
                        level.Adopted = true;
                        Credit($"report.adopted.{level.Level}");
                    }
                );

            case "forward":
                var parent = _tree.ParentCommittee(committee);
                if (level.Forwarded || blocked || parent is null || (forwardTo is not null && forwardTo != parent))
                {
                    return (409, null);
                }

                return (200, _ =>
                {
                    level.Forwarded = true;
                    report.Levels.Add(new ModelLevel(parent, _tree.LevelOf(parent)));
                    Credit($"report.forwarded.{_tree.LevelOf(parent)}");
                }
                );

            case "decline":
                return level.Adopted || blocked || level.Forwarded
                    ? (409, null)
                    : (200, _ =>
                    {
                        level.Declined = true;
                        Credit($"report.declined.{level.Level}");
                    }
                );

            case "return":
                if (reason is null)
                {
                    return (400, null);
                }

                return level.Adopted || blocked || level.Forwarded
                    ? (409, null)
                    : (200, _ =>
                    {
                        level.Awaiting = true;
                        Credit($"report.returned.{level.Level}");
                    }
                );

            default:
                if (leaderTitle is null || date is null || string.CompareOrdinal(date, China.Today) > 0)
                {
                    return (400, null);
                }

                return level.Endorsements.Contains(leaderTitle + " " + date)
                    ? (409, null)
                    : (200, _ =>
                    {
                        // One piece-time per report and level, however many leaders endorse it there.
                        if (level.Endorsements.Count == 0)
                        {
                            Credit($"report.endorsed.{level.Level}");
                        }

                        level.Endorsements.Add(leaderTitle + " " + date);
                    }
                );
        }
    }

    /// <summary>
    /// Sent by that committee's office when it is a committee the report's lead sits under or the report
    /// reached; otherwise (a group, an unknown code, a committee elsewhere) by the root committee's office,
    /// so the answer comes from the report's rules, not from the access policy.
    /// </summary>
    private Planned Action(ModelReport report, string committee, object body, string description, int status, Action<ApiResponse>? apply, Func<object>? variant = null)
    {
        var related = _tree.IsCommittee(committee) && (report.At(committee) is not null || _tree.SelfAndAncestors(report.Lead).Contains(committee));
        var actor = TestUser.Staff(related ? committee : _tree.Root);
        return new(description, $"api/reports/{report.Id}/actions", body, ApiClient.NewKey(), actor, status, false, apply, variant ?? (() => new { committee, action = "decline", reason = Guid.NewGuid().ToString("N") }));
    }

    private sealed record Planned(
        string Description,
        string Path,
        object Body,
        string Key,
        TestUser Actor,
        int Expected,
        bool ExpectReplay,
        Action<ApiResponse>? OnAccepted,
        Func<object> Variant);

    private sealed class WorkerState(int worker, Random random)
    {
        public int Worker { get; } = worker;

        public Random Random { get; } = random;

        public List<ModelReport> Reports { get; } = [];

        public Planned? LastAccepted { get; set; }
    }

    private sealed class WorkerResult
    {
        public List<int> Answers { get; } = [];

        public List<string> Wrong { get; } = [];

        public int Accepted { get; set; }

        public int Replays { get; set; }
    }
}
