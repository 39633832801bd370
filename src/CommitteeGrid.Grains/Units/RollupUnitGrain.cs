using CommitteeGrid.Abstractions.Grains;
using CommitteeGrid.Abstractions.Tallies;
using CommitteeGrid.Domain.Network;
using CommitteeGrid.Domain.Tallies;
using CommitteeGrid.Domain.Telemetry;
using CommitteeGrid.Grains.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Streams;

namespace CommitteeGrid.Grains.Units;

/// <summary>
/// What every unit of the network does with tallies: keep each child's newest cumulative tally, sum
/// them, and publish the sum to the parent at most once per interval. Streams are only notifications:
/// on activation and on a timer the unit pulls its children's tallies, so a lost message is healed.
/// </summary>
public abstract class RollupUnitGrain(
    NetworkCatalog catalog,
    IOptions<RollupOptions> options,
    TimeProvider clock,
    ILogger logger,
    IPersistentState<RollupSnapshot>? store) : Grain, IRollupUnitGrain
{
    private static readonly TimeSpan PublishRetry = TimeSpan.FromSeconds(5);
    private readonly RollupOptions _options = options.Value;
    private IGrainTimer? _publishTimer;
    private bool _publishPending;
    private IGrainTimer? _snapshotTimer;
    private DateTimeOffset _lastPublish = DateTimeOffset.MinValue;
    // Nothing to publish until something is counted: an empty rollup's parent needs no word of it.
    private long _publishedVersion;
    private bool _healed;
    private Task? _currentHeal;
    private bool _healAgain;
    private bool _snapshotDirty;
    private CommitteeGridMetrics? _metrics;
    private IClusterMembershipService? _membership;
    private HealSchedule? _schedule;
    private string _level = "";

    protected NetworkUnit Unit { get; private set; } = null!;

    protected NetworkCatalog Catalog => catalog;

    protected RollupOptions Options => _options;

    protected TimeProvider Clock => clock;

    protected RollupState Rollup { get; } = new();

    /// <summary>The namespace this grain type receives its children's tallies on; null where they call it.</summary>
    protected abstract string? TallyNamespace { get; }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var code = this.GetPrimaryKeyString();
        Unit = catalog.Network.Find(code) ?? throw new InvalidOperationException($"Unit '{code}' is not in the network.");
        _metrics = ServiceProvider.GetService<CommitteeGridMetrics>();
        _membership = ServiceProvider.GetService<IClusterMembershipService>();
        _level = LevelName(Unit);
        if (store is not null)
        {
            foreach (var child in store.State.ToSnapshots())
            {
                Rollup.Apply(child);
            }
        }

        if (TallyNamespace is { } ns)
        {
            await this.GetStreamProvider(StreamNames.Provider).GetStream<TallySnapshot>(StreamId.Create(ns, code)).SubscribeAsync(OnChildTally);
        }

        // Heal after activation, not inside it: pulling children activates them in turn, and a reader of
        // this unit should not wait for the whole subtree. Until then nothing is published upward. Heals
        // interleave with stream deliveries: a long one (a committee folding a big inbox from the ledger)
        // must not hold up fresher news, which every change it makes is versioned against.
        this.RegisterGrainTimer(_ => Heal(), new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan) { Interleave = true });
        if (HealsPeriodically)
        {
            // The timer only asks the schedule; a quiet unit heals less and less often (HealSchedule).
            _schedule = new HealSchedule(_options.HealInterval, _options.HealIntervalMax, ClusterVersion);
            var jitter = _options.HealInterval * (0.5 + Random.Shared.NextDouble());
            this.RegisterGrainTimer(_ => _schedule.IsDue(ClusterVersion) ? Heal() : Task.CompletedTask, new GrainTimerCreationOptions(jitter, _options.HealInterval) { Interleave = true });
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await WriteSnapshot();
    }

    public async Task<TallySnapshot> GetSnapshot()
    {
        await HealedIfCheap();
        return Rollup.Snapshot(Unit.Code);
    }

    public async Task<UnitTally> GetTally(int year)
    {
        await HealedIfCheap();
        return Rollup.ForYear(Unit.Code, year);
    }

    public async Task<IReadOnlyList<UnitTally>> GetChildTallies(int year)
    {
        await HealedIfCheap();
        return [.. Rollup.Children.Values.Select(c => new UnitTally(c.ChildKey, year, c.Version, RollupState.CountersOf(c.Counts, year)))];
    }

    /// <summary>
    /// Whether a reader waits for this unit's first heal: true where the heal is one ledger read (members,
    /// activity groups), so that a unit woken by the read itself answers its real counts, not the zeros it
    /// starts with. A committee's first heal wakes its subtree, so its readers get what it holds so far.
    /// </summary>
    protected virtual bool ReadersWaitForFirstHeal => false;

    private Task HealedIfCheap() => _healed || !ReadersWaitForFirstHeal ? Task.CompletedTask : Heal();

    /// <summary>
    /// Pulls the children. Heals interleave, so one may be asked for while another is under way: that
    /// one then goes round again when it ends (the ledger may have moved since it was read), and the
    /// caller waits for that round.
    /// </summary>
    public Task Heal()
    {
        if (_currentHeal is { IsCompleted: false } running)
        {
            _healAgain = true;
            return running;
        }

        return _currentHeal = HealRounds();
    }

    private async Task HealRounds()
    {
        do
        {
            _healAgain = false;
            await HealPass();
        }
        while (_healAgain);
    }

    private async Task HealPass()
    {
        var clusterVersion = ClusterVersion;
        IEnumerable<TallySnapshot> children;
        try
        {
            children = await PullChildren();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Heal of {Unit} failed; the next one will try again", Unit.Code);
            _schedule?.Healed(clusterVersion, foundDifference: true);
            return;
        }

        var changed = false;
        foreach (var child in children)
        {
            changed |= Rollup.Apply(child);
        }

        _healed = true;
        if (changed)
        {
            ScheduleSnapshot();
        }

        // The children's sum is right now: publish it before any slower work of the heal.
        await SchedulePublish();
        var unfinished = await OnHealed();
        _schedule?.Healed(clusterVersion, foundDifference: changed || unfinished);
    }

    /// <summary>The membership version this silo knows: it changes when a silo joins or leaves.</summary>
    private long ClusterVersion => _membership?.CurrentSnapshot.Version.Value ?? 0;

    /// <summary>Whether a heal has completed since activation: the unit then holds every child it had.</summary>
    protected bool Healed => _healed;

    /// <summary>Whether this unit pulls its children on a timer, not only when it activates.</summary>
    protected virtual bool HealsPeriodically => true;

    /// <summary>The version held for a child (0 when none): lets a parent see which child is behind.</summary>
    protected long HeldVersion(string childKey) => Rollup.Children.TryGetValue(childKey, out var held) ? held.Version : 0;

    /// <summary>Every child's current cumulative tally.</summary>
    protected abstract Task<IEnumerable<TallySnapshot>> PullChildren();

    /// <summary>Work after the children are pulled; true if some of it is left for the next heal, which then comes soon.</summary>
    protected virtual Task<bool> OnHealed() => Task.FromResult(false);

    protected Task<TallySnapshot[]> PullChildUnits() =>
        Task.WhenAll(Catalog.Network.Children(Unit).Select(c => GrainFactory.UnitGrain(c.Kind, c.Code).GetSnapshot()));

    private Task OnChildTally(TallySnapshot child, StreamSequenceToken? token) => Receive(child);

    /// <summary>A child's cumulative tally, however it came: kept if newer than the one held, then passed up.</summary>
    protected async Task Receive(TallySnapshot child)
    {
        // Only a newer change than the child brought before is a sample: a re-publish after a heal carries an old time.
        var before = Rollup.Children.TryGetValue(child.ChildKey, out var held) ? held.ChangedAt : null;
        if (Rollup.Apply(child))
        {
            if (child.ChangedAt is { } changedAt && (before is null || changedAt > before))
            {
                _metrics?.Applied(_level, clock.GetUtcNow() - changedAt);
            }

            ScheduleSnapshot();
            await SchedulePublish();
        }
    }

    private async Task SchedulePublish()
    {
        if (!_healed || _publishPending || Rollup.Version == _publishedVersion || Unit.ParentCode is null)
        {
            return;
        }

        var wait = _lastPublish + _options.PublishInterval - clock.GetUtcNow();
        if (wait <= TimeSpan.Zero)
        {
            await Publish();
            return;
        }

        PublishAfter(wait);
    }

    private void PublishAfter(TimeSpan wait)
    {
        // One timer per activation, re-armed for each burst: registering a fresh grain timer every time
        // cost more than the publish it delays.
        _publishPending = true;
        _publishTimer ??= this.RegisterGrainTimer(async _ =>
        {
            _publishPending = false;
            await Publish();
        }, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _publishTimer.Change(wait, Timeout.InfiniteTimeSpan);
    }

    private async Task Publish()
    {
        if (Rollup.Version == _publishedVersion)
        {
            return;
        }

        var parent = catalog.Network.Get(Unit.ParentCode!);
        var snapshot = Rollup.Snapshot(Unit.Code);
        _lastPublish = clock.GetUtcNow();
        try
        {
            await this.GetStreamProvider(StreamNames.Provider)
                .GetStream<TallySnapshot>(Streams.TalliesOf(parent.Kind, parent.Code))
                .OnNextAsync(snapshot);
            _publishedVersion = snapshot.Version;
            _metrics?.Published(_level);
        }
        catch (Exception ex)
        {
            // Tried again shortly (the parent's backed-off heal may be minutes away); the tally is
            // cumulative, so a late or repeated publish is harmless.
            var retry = _options.HealInterval < PublishRetry ? _options.HealInterval : PublishRetry;
            logger.LogWarning(ex, "Publishing {Unit} to {Parent} failed; trying again in {Wait}", Unit.Code, parent.Code, retry);
            if (!_publishPending)
            {
                PublishAfter(retry);
            }
        }
    }

    private void ScheduleSnapshot()
    {
        _snapshotDirty = true;
        if (store is null || _snapshotTimer is not null)
        {
            return;
        }

        _snapshotTimer = this.RegisterGrainTimer(async _ =>
        {
            _snapshotTimer?.Dispose();
            _snapshotTimer = null;
            await WriteSnapshot();
        }, _options.SnapshotInterval, Timeout.InfiniteTimeSpan);
    }

    private async Task WriteSnapshot()
    {
        if (store is null || !_snapshotDirty)
        {
            return;
        }

        _snapshotDirty = false;
        try
        {
            store.State.Children = RollupSnapshot.From(Rollup.Children.Values);
            await store.WriteStateAsync();
        }
        catch (Exception ex)
        {
            // A lost snapshot costs only a longer heal after the next activation.
            logger.LogWarning(ex, "Writing the rollup snapshot of {Unit} failed", Unit.Code);
        }
    }

    private static string LevelName(NetworkUnit unit) => unit.Kind switch
    {
        Abstractions.Network.UnitKind.Member => "member",
        Abstractions.Network.UnitKind.ActivityGroup => "group",
        Abstractions.Network.UnitKind.LiaisonOffice => "office",
        _ => unit.Level.ToString().ToLowerInvariant(),
    };
}
