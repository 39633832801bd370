using Microsoft.Playwright;

namespace CommitteeGrid.Browser.Tests.Infrastructure;

/// <summary>
/// What a page did besides drawing: uncaught script errors, dialogs (alert/confirm/prompt, dismissed)
/// and main-frame navigations, so tests can say "no script ran" and "no reload happened".
/// </summary>
public sealed class PageWatch
{
    private readonly List<string> _errors = [];
    private readonly List<string> _dialogs = [];
    private int _navigations;

    private PageWatch(IPage page)
    {
        page.PageError += (_, error) => Add(_errors, error);
        page.Dialog += (_, dialog) =>
        {
            Add(_dialogs, $"{dialog.Type}: {dialog.Message}");
            _ = dialog.DismissAsync();
        };
        page.FrameNavigated += (_, frame) =>
        {
            if (frame == page.MainFrame)
            {
                Interlocked.Increment(ref _navigations);
            }
        };
    }

    public static PageWatch On(IPage page) => new(page);

    public IReadOnlyList<string> Errors => Snapshot(_errors);

    public IReadOnlyList<string> Dialogs => Snapshot(_dialogs);

    /// <summary>Main-frame navigations so far (the first load counts one).</summary>
    public int Navigations => Volatile.Read(ref _navigations);

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
