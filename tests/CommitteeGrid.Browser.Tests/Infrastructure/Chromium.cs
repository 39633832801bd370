using Microsoft.Playwright;

namespace CommitteeGrid.Browser.Tests.Infrastructure;

/// <summary>
/// Debian's chromium, driven by Playwright without any browser download (never `playwright install`):
/// the executable is given, and the arguments keep it off the network and quiet in a container.
/// </summary>
public static class Chromium
{
    /// <summary>CG_CHROMIUM overrides the path, for machines that install it elsewhere.</summary>
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("CG_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"The browser tests need Chromium at {ExecutablePath}: install it with `apt-get install chromium fonts-noto-cjk` " +
                "(./test.sh does this when run as root) or set CG_CHROMIUM to its path.");
        }

        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Arguments,
        });
    }
}
