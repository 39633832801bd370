using System.Globalization;
using CommitteeGrid.Storage.Postgres;
using Orleans.Serialization;
using Orleans.Storage;

namespace CommitteeGrid.Host.Hosting;

/// <summary>
/// Orleans grain storage on <see cref="PostgresStateStore"/>: the state in Orleans' binary form (the state
/// types are <c>[GenerateSerializer]</c>), the store's version as the ETag, and every silo's writes batched
/// into a few statements. A state not found here is read from <paramref name="previous"/> (the ADO.NET
/// provider that held it before) when that provider's table holds anything, so feeds and snapshots
/// written before the move are not lost; the next
/// write puts them here. Clearing stores an empty payload rather than deleting, so that a cleared state
/// is not read back from the previous provider.
/// </summary>
public sealed class PostgresGrainStorage(PostgresStateStore store, Serializer serializer, IGrainStorage? previous) : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (await store.ReadAsync(Key(stateName, grainId)) is { } stored)
        {
            grainState.ETag = stored.Version.ToString(CultureInfo.InvariantCulture);
            grainState.RecordExists = stored.Payload.Length > 0;
            if (grainState.RecordExists)
            {
                grainState.State = serializer.Deserialize<T>(stored.Payload);
            }

            return;
        }

        if (previous is not null && await store.PreviousTableHoldsStateAsync())
        {
            await previous.ReadStateAsync(stateName, grainId, grainState);
        }

        // Nothing of it is in this store yet: the first write inserts it.
        grainState.ETag = null;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await Store(stateName, grainId, grainState, serializer.SerializeToArray(grainState.State));
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await Store(stateName, grainId, grainState, []);
        grainState.RecordExists = false;
    }

    private async Task Store<T>(string stateName, GrainId grainId, IGrainState<T> grainState, byte[] payload)
    {
        try
        {
            var version = await store.WriteAsync(Key(stateName, grainId), Version(grainState.ETag), payload);
            grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        }
        catch (StateVersionConflictException ex)
        {
            throw new InconsistentStateException(ex.Message, storedEtag: "unknown", currentEtag: grainState.ETag ?? "none", ex);
        }
    }

    internal static string Key(string stateName, GrainId grainId) => $"{stateName}/{grainId}";

    private static long Version(string? etag) => etag is null ? 0 : long.Parse(etag, CultureInfo.InvariantCulture);
}
