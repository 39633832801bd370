using System.Text.Json.Serialization;
using CommitteeGrid.Abstractions.Duty;

namespace CommitteeGrid.Domain.Duty;

/// <summary>What happened to a duty record; stored as the payload of its ledger entries.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(DutyRecorded), "recorded")]
[JsonDerivedType(typeof(DutyReported), "reported")]
[JsonDerivedType(typeof(DutyConfirmed), "confirmed")]
[JsonDerivedType(typeof(DutyRejected), "rejected")]
public abstract record DutyEvent
{
    [JsonIgnore]
    public abstract string Kind { get; }
}

/// <summary>Recorded by whoever organised it (谁组织谁记录), for every attendee at once; counted at once.</summary>
public sealed record DutyRecorded(DutyKind Type, string Title, DateOnly Date, int Count, string Organiser, IReadOnlyList<string> Attendees) : DutyEvent
{
    public override string Kind => "duty.recorded";
}

/// <summary>Reported by the member; counted once the member's group confirms it.</summary>
public sealed record DutyReported(DutyKind Type, string Title, DateOnly Date, int Count, string Member, string Group) : DutyEvent
{
    public override string Kind => "duty.reported";
}

public sealed record DutyConfirmed(string Group) : DutyEvent
{
    public override string Kind => "duty.confirmed";
}

public sealed record DutyRejected(string Group, string Reason) : DutyEvent
{
    public override string Kind => "duty.rejected";
}
