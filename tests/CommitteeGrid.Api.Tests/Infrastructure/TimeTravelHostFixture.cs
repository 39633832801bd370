using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CommitteeGrid.Api.Tests.Infrastructure;

/// <summary>
/// A demo host whose clock starts on 1 March of last year (China time) and is moved forward only, so
/// that commands are recorded on past dates and figures "as of" those dates can be checked. Forward
/// only: a rollup waits for its next publish by the clock, and a clock going back would stall it.
/// </summary>
public sealed class TimeTravelHostFixture : DemoHostFixture
{
    public static int PastYear { get; } = China.Year - 1;

    public MovableClock Clock { get; } = new(new DateTimeOffset(PastYear, 3, 1, 8, 0, 0, TimeSpan.FromHours(8)));

    protected override void Customize(WebApplicationBuilder builder) => builder.Services.AddSingleton<TimeProvider>(Clock);
}

/// <summary>The real clock shifted by an offset that can only shrink towards zero (now).</summary>
public sealed class MovableClock : TimeProvider
{
    private readonly Lock _lock = new();
    private TimeSpan _offset;

    public MovableClock(DateTimeOffset start) => _offset = start - System.GetUtcNow();

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return System.GetUtcNow() + _offset;
        }
    }

    /// <summary>Moves the clock forward to <paramref name="at"/> (at most to the real now).</summary>
    public void MoveTo(DateTimeOffset at)
    {
        lock (_lock)
        {
            var offset = at - System.GetUtcNow();
            if (offset > TimeSpan.Zero || offset < _offset)
            {
                throw new InvalidOperationException($"The clock moves forward only, up to now: it reads {GetUtcNow():O}; {at:O} was asked.");
            }

            _offset = offset;
        }
    }

    public void MoveToNow()
    {
        lock (_lock)
        {
            _offset = TimeSpan.Zero;
        }
    }
}
