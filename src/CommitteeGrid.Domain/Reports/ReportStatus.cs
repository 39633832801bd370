namespace CommitteeGrid.Domain.Reports;

/// <summary>Where a report stands at one committee (the words used in the API and inbox filters).</summary>
public static class ReportStatus
{
    public const string Pending = "pending";
    public const string Adopted = "adopted";
    public const string Forwarded = "forwarded";
    public const string Declined = "declined";
    public const string Returned = "returned";

    public static IReadOnlyList<string> All { get; } = [Pending, Adopted, Forwarded, Declined, Returned];
}
