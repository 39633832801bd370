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
