namespace CommitteeGrid.Deploy.Tests;

/// <summary>
/// The health endpoints CommitteeGridApp maps. The host exposes no constant for them yet, so this is the
/// one place they are written down; HostHealthTests proves the real host answers 200 on both.
/// </summary>
internal static class HealthPaths
{
    public const string Live = "/health/live";

    public const string Ready = "/health/ready";
}
