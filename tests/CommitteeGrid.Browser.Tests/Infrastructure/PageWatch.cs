using Microsoft.Playwright;

namespace CommitteeGrid.Browser.Tests.Infrastructure;

/// <summary>
/// What a page did besides drawing: uncaught script errors, dialogs (alert/confirm/prompt, dismissed)
/// and document loads, so tests can say "no script ran" and "no reload happened".
/// </summary>
public sealed class PageWatch
{
    private readonly List<string> _errors = [];
    private readonly List<string> _dialogs = [];
    private int _loads;

    private PageWatch(IPage page)
    {
        page.PageError += (_, error) => Add(_errors, error);
        page.Dialog += (_, dialog) =>
        {
            Add(_dialogs, $"{dialog.Type}: {dialog.Message}");
            _ = dialog.DismissAsync();
        };
        // Load fires once per document; history.replaceState (pages keep their settings in the address) does not.
        page.Load += (_, _) => Interlocked.Increment(ref _loads);
    }

    public static PageWatch On(IPage page) => new(page);

    public IReadOnlyList<string> Errors => Snapshot(_errors);

    public IReadOnlyList<string> Dialogs => Snapshot(_dialogs);

    /// <summary>Documents loaded so far in the page (the first load counts one).</summary>
    public int Loads => Volatile.Read(ref _loads);

    private static void Add(List<string> list, string item)
    {
        lock (list)
        {
            list.Add(item);
        }
    }

    private static string[] Snapshot(List<string> list)
    {
        lock (list)
        {
            return [.. list];
        }
    }
}
