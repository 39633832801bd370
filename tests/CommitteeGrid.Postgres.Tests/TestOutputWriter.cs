using System.Text;
using Xunit.Abstractions;

namespace CommitteeGrid.Postgres.Tests;

/// <summary>A scenario's running commentary, into the test's output.</summary>
internal sealed class TestOutputWriter(ITestOutputHelper output) : TextWriter
{
    private readonly StringBuilder _line = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_line)
        {
            if (value == '\n')
            {
                output.WriteLine(_line.ToString());
                _line.Clear();
            }
            else if (value != '\r')
            {
                _line.Append(value);
            }
        }
    }

    public override void WriteLine(string? value)
    {
        lock (_line)
        {
            output.WriteLine(_line.Append(value).ToString());
            _line.Clear();
        }
    }
}
