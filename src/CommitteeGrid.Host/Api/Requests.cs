using CommitteeGrid.Abstractions.Reports;

namespace CommitteeGrid.Host.Api;

/// <summary>POST /api/reports. Author is the lead author's member code.</summary>
public sealed record SubmitReportRequest(string? Author, IReadOnlyList<string>? CoAuthors, string? Title, string? Body);

/// <summary>POST /api/reports/{id}/actions.</summary>
public sealed record ReportActionRequest(
    string? Committee,
    ReportAction? Action,
    string? Reason,
    string? LeaderTitle,
    DateOnly? Date,
    string? Note,
    string? ForwardTo);

/// <summary>POST /api/reports/{id}/revision.</summary>
public sealed record ReviseReportRequest(string? Author, string? Title, string? Body);

/// <summary>
/// PUT /api/committees/{code}/scoring-rules/{year}: the whole rules document. Committee and year may
/// be repeated but not contradict the address; expectedVersion (or If-Match) refuses a lost update.
/// </summary>
public sealed record ReplaceScoringRulesRequest(
    string? Committee,
    int? Year,
    string? Name,
    string? Source,
    decimal? MaxTotal,
    List<CommitteeGrid.Domain.Scoring.ScoringItemDocument?>? MemberItems,
    List<CommitteeGrid.Domain.Scoring.ScoringItemDocument?>? UnitItems,
    List<CommitteeGrid.Domain.Scoring.GradeBandDocument?>? Grades,
    List<CommitteeGrid.Domain.Scoring.GradeBandDocument?>? UnitGrades,
    int? ExpectedVersion)
{
    public CommitteeGrid.Domain.Scoring.ScoringRulesDocument ToDocument() => new()
    {
        Committee = Committee,
        Year = Year,
        Name = Name,
        Source = Source,
        MaxTotal = MaxTotal,
        MemberItems = MemberItems,
        UnitItems = UnitItems,
        Grades = Grades,
        UnitGrades = UnitGrades,
    };
}
