using System.Text.Json.Serialization;
using CommitteeGrid.Abstractions.Network;

namespace CommitteeGrid.Domain.Reports;

/// <summary>What happened to an information report; stored as the payload of its ledger entries.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(InfoReportSubmitted), "submitted")]
[JsonDerivedType(typeof(InfoReportAdopted), "adopted")]
[JsonDerivedType(typeof(InfoReportForwarded), "forwarded")]
[JsonDerivedType(typeof(InfoReportDeclined), "declined")]
[JsonDerivedType(typeof(InfoReportReturned), "returned")]
[JsonDerivedType(typeof(InfoReportRevised), "revised")]
[JsonDerivedType(typeof(InfoReportEndorsed), "endorsed")]
public abstract record InfoReportEvent
{
    /// <summary>The ledger's name for the event, e.g. "report.adopted".</summary>
    [JsonIgnore]
    public abstract string Kind { get; }

    /// <summary>The committee at which it happened.</summary>
    public abstract string Committee { get; init; }

    /// <summary>That committee's level.</summary>
    public abstract CommitteeLevel Level { get; init; }
}

public sealed record InfoReportSubmitted(string Lead, IReadOnlyList<string> CoAuthors, string Title, string Body, string Committee, CommitteeLevel Level) : InfoReportEvent
{
    public override string Kind => "report.submitted";
}

public sealed record InfoReportAdopted(string Committee, CommitteeLevel Level) : InfoReportEvent
{
    public override string Kind => "report.adopted";
}

public sealed record InfoReportForwarded(string Committee, CommitteeLevel Level, string To, CommitteeLevel ToLevel) : InfoReportEvent
{
    public override string Kind => "report.forwarded";
}

public sealed record InfoReportDeclined(string Committee, CommitteeLevel Level, string? Reason) : InfoReportEvent
{
    public override string Kind => "report.declined";
}

public sealed record InfoReportReturned(string Committee, CommitteeLevel Level, string Reason) : InfoReportEvent
{
    public override string Kind => "report.returned";
}

/// <summary>The author's revision; it goes back for review at the committee that returned it.</summary>
public sealed record InfoReportRevised(string Title, string Body, string Committee, CommitteeLevel Level) : InfoReportEvent
{
    public override string Kind => "report.revised";
}

public sealed record InfoReportEndorsed(string Committee, CommitteeLevel Level, string LeaderTitle, DateOnly Date, string? Note) : InfoReportEvent
{
    public override string Kind => "report.endorsed";
}
