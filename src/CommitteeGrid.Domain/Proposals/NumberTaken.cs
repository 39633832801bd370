using System.Text.Json;

namespace CommitteeGrid.Domain.Proposals;

/// <summary>
/// One entry of a committee session's numbering stream ("register/{committee}/{session}"): the entry's
/// version is the number, so the ledger's unique (stream, version) makes a number impossible to give twice.
/// </summary>
public sealed record NumberTaken(string Proposal, int Number)
{
    public const string Kind = "proposal.numbered";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string StreamOf(string registerKey) => "register/" + registerKey;

    /// <summary>The register of a committee and session: "{committee}/{session}".</summary>
    public static string RegisterKey(string committee, string session) => committee + "/" + session;

    public string Serialize() => JsonSerializer.Serialize(this, Options);

    public static NumberTaken Deserialize(string payload) =>
        JsonSerializer.Deserialize<NumberTaken>(payload, Options) ?? throw new InvalidDataException("A numbering entry has an empty payload.");
}
