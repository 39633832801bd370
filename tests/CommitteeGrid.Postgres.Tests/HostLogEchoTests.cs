using CommitteeGrid.Bench;

namespace CommitteeGrid.Postgres.Tests;

/// <summary>
/// The benchmark shows a silo's warnings with their message lines, the first few of each kind, and
/// counts the rest: a cold start on a large ledger repeats one warning a thousand times.
/// </summary>
public sealed class HostLogEchoTests
{
    [Fact]
    public void Warnings_are_shown_with_their_message_lines_and_information_is_not()
    {
        var output = new StringWriter();
        var echo = new HostLogEcho(output);

        echo.Line(1, "info: Orleans.Runtime.Silo[100401]");
        echo.Line(1, "      Silo starting");
        echo.Line(1, "warn: Orleans.Runtime.Watchdog[100150]");
        echo.Line(1, "      Participant check thread has not completed");
        echo.Line(1, "info: Microsoft.Hosting.Lifetime[0]");
        echo.Line(1, "      Application started");

        Assert.Equal(["host: warn: Orleans.Runtime.Watchdog[100150]", "host:       Participant check thread has not completed"], Lines(output));
        Assert.Empty(echo.Suppressed());
    }

    [Fact]
    public void Past_the_first_few_of_a_kind_they_are_counted_not_shown()
    {
        var output = new StringWriter();
        var echo = new HostLogEcho(output, shownPerKind: 2);

        for (var i = 0; i < 5; i++)
        {
            echo.Line(1, "warn: Orleans.Runtime.CallbackData[100157]");
            echo.Line(1, $"      Response did not arrive on time {i}");
        }

        echo.Line(1, "fail: CommitteeGrid.Storage[1]");
        echo.Line(1, "      the ledger is unreachable");

        Assert.Equal(
            [
                "host: warn: Orleans.Runtime.CallbackData[100157]", "host:       Response did not arrive on time 0",
                "host: warn: Orleans.Runtime.CallbackData[100157]", "host:       Response did not arrive on time 1",
                "host: fail: CommitteeGrid.Storage[1]", "host:       the ledger is unreachable",
            ],
            Lines(output));
        Assert.Equal(["host: 3 more of \"warn: Orleans.Runtime.CallbackData[100157]\" not shown (5 in all)"], echo.Suppressed());
    }

    [Fact]
    public void Each_silo_s_message_lines_follow_its_own_entry()
    {
        var output = new StringWriter();
        var echo = new HostLogEcho(output);

        echo.Line(1, "warn: A[1]");
        echo.Line(2, "info: B[2]");
        echo.Line(1, "      the first silo's warning");
        echo.Line(2, "      the second silo's information");

        Assert.Equal(["host: warn: A[1]", "host:       the first silo's warning"], Lines(output));
    }

    private static string[] Lines(StringWriter output) =>
        output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
}
