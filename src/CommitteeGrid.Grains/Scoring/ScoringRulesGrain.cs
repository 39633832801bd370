using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Abstractions.Grains;
using CommitteeGrid.Abstractions.Scoring;
using CommitteeGrid.Domain.Ledger;
using CommitteeGrid.Domain.Scoring;
using CommitteeGrid.Grains.Services;
using Microsoft.Extensions.Logging;

namespace CommitteeGrid.Grains.Scoring;

/// <summary>
/// A committee's scoring rules for one year. Its state is its ledger stream folded (a handful of
/// versions), rebuilt on activation: every version stays readable, and the current one is answered
/// from memory, so a replacement re-ranks the very next request.
/// </summary>
public sealed class ScoringRulesGrain(ILedger ledger, TimeProvider clock, ILogger<ScoringRulesGrain> logger) : Grain, IScoringRulesGrain
{
    private readonly List<RecordedRules> _versions = [];
    private readonly Dictionary<string, (string Hash, Receipt Receipt)> _keys = new(StringComparer.Ordinal);
    private string _committee = "";
    private int _year;
    private string _stream = "";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        var slash = key.LastIndexOf('/');
        _committee = key[..slash];
        _year = int.Parse(key[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        _stream = ScoringRulesStream.Of(_committee, _year);
        await CatchUp(cancellationToken);
    }

    public Task<RecordedRules?> GetCurrent() => Task.FromResult(_versions.Count == 0 ? null : _versions[^1]);

    public Task<IReadOnlyList<RecordedRules>> GetVersions() => Task.FromResult<IReadOnlyList<RecordedRules>>([.. _versions]);

    public async Task<CommandResult> Replace(CommandMeta meta, string rulesJson, int? expectedVersion)
    {
        var hash = RequestHash.Of("replace-rules", _stream, new { Rules = rulesJson, ExpectedVersion = expectedVersion });
        if (Replay(meta, hash) is { } replayed)
        {
            return replayed;
        }

        var (json, rejection) = ScoringRulesStream.Decide(_committee, _year, _versions.Count + 1, rulesJson, expectedVersion);
        if (rejection is not null)
        {
            return CommandResult.Refuse(rejection);
        }

        Receipt? appended;
        try
        {
            appended = await Append(meta, hash, json!);
        }
        catch (Exception)
        {
            return CommandAnswers.LedgerUnreachable();
        }

        return appended is { } receipt
            ? CommandResult.Ok(receipt)
            : Replay(meta, hash) ?? CommandResult.Refuse(RejectionKind.Conflict,
                $"the rules of {_committee} for {_year} were replaced by someone else at the same time (now version {_versions.Count}); read them again and apply your change to that version");
    }

    public async Task<RecordedRules> Seed(string rulesJson)
    {
        if (_versions.Count == 0)
        {
            var (json, rejection) = ScoringRulesStream.Decide(_committee, _year, 1, rulesJson, expectedVersion: 0);
            if (rejection is not null)
            {
                throw new InvalidOperationException($"The shipped rules of {_committee} for {_year} are not valid: {rejection.Message}");
            }

            // The same seed gives the same key on every silo and every start: recorded once.
            var key = "seed-" + RequestHash.Of("seed-rules", _stream, json)[..32];
            await Append(new CommandMeta(key, Actor.System), RequestHash.Of("seed-rules", _stream, json), json!);
        }

        return _versions[0];
    }

    /// <summary>Appends the next version; null when the ledger already had it (a retry, another silo): caught up then.</summary>
    private async Task<Receipt?> Append(CommandMeta meta, string hash, string json)
    {
        var entry = new LedgerEntry(
            _stream, _versions.Count + 1, ScoringRulesStream.Replaced, json, meta.ScopedKey, hash,
            meta.Actor.UserId, meta.Actor.Role, meta.Actor.Scope, meta.Actor.Address, LedgerClock.Now(clock), null, []);
        AppendOutcome outcome;
        try
        {
            outcome = await ledger.AppendAsync(entry);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Ledger append failed for {Stream}", _stream);
            DeactivateOnIdle();
            throw;
        }

        if (outcome.Status == AppendStatus.Appended)
        {
            Apply(entry);
            return _keys[entry.IdempotencyKey].Receipt;
        }

        await CatchUp(CancellationToken.None);
        return null;
    }

    private CommandResult? Replay(CommandMeta meta, string hash) => _keys.TryGetValue(meta.ScopedKey, out var seen)
        ? seen.Hash == hash
            ? CommandResult.Ok(seen.Receipt, replayed: true)
            : CommandAnswers.KeyReused(meta)
        : null;

    private async Task CatchUp(CancellationToken ct)
    {
        foreach (var entry in await ledger.ReadStreamAsync(_stream, _versions.Count, ct))
        {
            Apply(entry);
        }
    }

    private void Apply(LedgerEntry entry)
    {
        _versions.Add(new RecordedRules(_committee, _year, (int)entry.Version, entry.Payload, entry.OccurredAt, entry.ActorId));
        _keys[entry.IdempotencyKey] = (entry.RequestHash, new Receipt(entry.Stream, entry.Version, entry.Kind, entry.OccurredAt));
    }
}
