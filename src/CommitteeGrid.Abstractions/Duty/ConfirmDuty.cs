namespace CommitteeGrid.Abstractions.Duty;

/// <summary>The member's activity group (its leader) confirms a self-reported record, or rejects it saying why.</summary>
[GenerateSerializer, Immutable, Alias("cg.ConfirmDuty")]
public sealed record ConfirmDuty(
    [property: Id(0)] string Group,
    [property: Id(1)] bool Confirm,
    [property: Id(2)] string? Reason);
