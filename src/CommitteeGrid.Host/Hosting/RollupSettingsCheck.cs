using CommitteeGrid.Grains.Services;
using Microsoft.Extensions.Options;

namespace CommitteeGrid.Host.Hosting;

/// <summary>Refuses to start on rollup timing out of bounds, naming each wrong setting and its bounds.</summary>
public sealed class RollupSettingsCheck : IValidateOptions<RollupOptions>
{
    public ValidateOptionsResult Validate(string? name, RollupOptions options) =>
        SiloSetup.RollupSettingsProblem(options) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
