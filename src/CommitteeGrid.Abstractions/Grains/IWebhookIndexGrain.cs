namespace CommitteeGrid.Abstractions.Grains;

/// <summary>
/// The units that have at least one webhook (one grain, key 0), so publishers hand events only to those
/// units. Silos cache it and refresh it every few seconds.
/// </summary>
public interface IWebhookIndexGrain : IGrainWithIntegerKey
{
    Task Set(string unit, bool hasWebhooks);

    [ReadOnly]
    Task<IReadOnlyList<string>> Units();
}
