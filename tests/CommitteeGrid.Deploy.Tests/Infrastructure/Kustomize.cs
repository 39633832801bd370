using System.Collections.Concurrent;
using System.Diagnostics;

namespace CommitteeGrid.Deploy.Tests.Infrastructure;

/// <summary>Renders a kustomization with the real <c>kubectl kustomize</c>, once per folder per test run.</summary>
internal static class Kustomize
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly ConcurrentDictionary<string, Lazy<Task<Manifests>>> Cache = new(StringComparer.Ordinal);

    public static Task<Manifests> RenderAsync(string folder) =>
        Cache.GetOrAdd(Path.GetFullPath(folder), f => new Lazy<Task<Manifests>>(() => RunAsync(f))).Value;

    /// <summary>kubectl on PATH or in the usual places. Missing kubectl fails the test: the manifests would go unchecked.</summary>
    public static string Kubectl()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "kubectl"))
            .Append("/usr/bin/kubectl")
            .Append("/usr/local/bin/kubectl");
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "kubectl was not found on PATH nor at /usr/bin/kubectl: it is required to render k8s/ (kubectl kustomize). "
                + "Install kubectl (it bundles kustomize) and run the tests again.");
    }

    private static async Task<Manifests> RunAsync(string folder)
    {
        var start = new ProcessStartInfo(Kubectl())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("kustomize");
        start.ArgumentList.Add(folder);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl kustomize {folder} took longer than {Timeout}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"kubectl kustomize {folder} failed ({process.ExitCode}): {await stderr}");
        }

        return Manifests.Parse(await stdout);
    }
}
