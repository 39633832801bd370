using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Abstractions.Notifications;
using CommitteeGrid.Domain.Notifications;

namespace CommitteeGrid.Domain.Tests.Notifications;

/// <summary>A feed numbers events in arrival order, keeps each once, drops the oldest past capacity, and reads forward.</summary>
public sealed class NotificationFeedTests
{
    private const string Me = "420607-M0001";

    private static DomainEvent Event(int n, string kind = EventKinds.ReportAdopted) => new(
        $"report/R{n}:2", kind, $"R{n}", $"第{n}篇", "420607", CommitteeLevel.County,
        new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero).AddMinutes(n), [Me], null);

    [Fact]
    public void Events_are_numbered_in_arrival_order()
    {
        var feed = new NotificationFeed(10);
        Assert.True(feed.Add(Event(7)));
        Assert.True(feed.Add(Event(3)));
        Assert.True(feed.Add(Event(5)));

        var page = feed.Page(Me, after: null, limit: 10);
        Assert.Equal([1L, 2, 3], page.Items.Select(i => i.Seq));
        Assert.Equal(["R7", "R3", "R5"], page.Items.Select(i => i.SubjectId));
        Assert.Equal(3, page.LastSeq);
        Assert.Equal(3, page.Unread);
        Assert.All(page.Items, i => Assert.False(i.Read));
    }

    [Fact]
    public void The_same_event_is_kept_once()
    {
        var feed = new NotificationFeed(10);
        Assert.True(feed.Add(Event(1)));
        Assert.False(feed.Add(Event(1)));
        Assert.False(feed.Add(Event(1) with { Title = "changed in transit" }));
        Assert.True(feed.Add(Event(2)));

        Assert.Equal(2, feed.LastSeq);
        Assert.Equal(["第1篇", "第2篇"], feed.Items.Select(i => i.Title));
    }

    [Fact]
    public void Past_capacity_the_oldest_drop_off_and_numbers_keep_growing()
    {
        var feed = new NotificationFeed(3);
        for (var n = 1; n <= 5; n++)
        {
            feed.Add(Event(n));
        }

        Assert.Equal([3L, 4, 5], feed.Items.Select(i => i.Seq));
        Assert.Equal(5, feed.LastSeq);
        Assert.Equal(3, feed.Unread);
        Assert.True(feed.Add(Event(6)));
        Assert.Equal([4L, 5, 6], feed.Items.Select(i => i.Seq));
    }

    [Fact]
    public void Pages_read_forward_from_a_number_or_show_the_newest()
    {
        var feed = new NotificationFeed(100);
        for (var n = 1; n <= 12; n++)
        {
            feed.Add(Event(n));
        }

        var newest = feed.Page(Me, after: null, limit: 5);
        Assert.Equal([8L, 9, 10, 11, 12], newest.Items.Select(i => i.Seq));
        Assert.False(newest.HasMore);

        var first = feed.Page(Me, after: 0, limit: 5);
        Assert.Equal([1L, 2, 3, 4, 5], first.Items.Select(i => i.Seq));
        Assert.True(first.HasMore);

        var last = feed.Page(Me, after: 10, limit: 5);
        Assert.Equal([11L, 12], last.Items.Select(i => i.Seq));
        Assert.False(last.HasMore);

        Assert.Empty(feed.Page(Me, after: 12, limit: 5).Items);
        Assert.Equal(Me, last.Recipient);
    }

    [Fact]
    public void Marking_read_moves_forward_only_and_never_past_the_newest_item()
    {
        var feed = new NotificationFeed(100);
        for (var n = 1; n <= 4; n++)
        {
            feed.Add(Event(n));
        }

        Assert.Equal((new ReadMark("u:k1", 2, 4, 2, 2), false), feed.MarkRead("u:k1", 2));
        Assert.Equal(2, feed.Unread);
        Assert.Equal([true, true, false, false], feed.Page(Me, 0, 10).Items.Select(i => i.Read));

        Assert.Equal(2, feed.MarkRead("u:k2", 1)!.Value.Mark.ReadThrough);
        Assert.Equal(4, feed.MarkRead("u:k3", 99)!.Value.Mark.ReadThrough);
        Assert.Equal(0, feed.Unread);

        // Items that arrive later are unread even though 99 was asked for.
        feed.Add(Event(5));
        Assert.Equal(1, feed.Unread);
        Assert.False(feed.Page(Me, 4, 10).Items.Single().Read);
    }

    [Fact]
    public void A_retried_mark_gets_the_first_answer_and_a_reused_key_is_refused()
    {
        var feed = new NotificationFeed(100);
        feed.Add(Event(1));
        feed.Add(Event(2));
        var first = feed.MarkRead("u:k1", 1);
        Assert.Equal((new ReadMark("u:k1", 1, 2, 1, 1), false), first);
        feed.MarkRead("u:k2", 2);

        // The first answer, as it was then, not the feed as it is now.
        Assert.Equal((first!.Value.Mark, true), feed.MarkRead("u:k1", 1));
        Assert.Null(feed.MarkRead("u:k1", 2));
        Assert.Equal(2, feed.ReadThrough);
    }

    [Fact]
    public void Only_the_latest_marks_are_kept_for_retries()
    {
        var feed = new NotificationFeed(10);
        feed.Add(Event(1));
        for (var i = 0; i < NotificationFeed.KeptMarks + 5; i++)
        {
            feed.MarkRead($"u:k{i}", 1);
        }

        Assert.Equal(NotificationFeed.KeptMarks, feed.Marks.Count);
        Assert.Equal("u:k5", feed.Marks[0].Key);
    }

    [Fact]
    public void A_restored_feed_continues_where_it_stopped()
    {
        var feed = new NotificationFeed(3);
        for (var n = 1; n <= 5; n++)
        {
            feed.Add(Event(n));
        }

        feed.MarkRead("u:k", 4);

        var restored = NotificationFeed.Restore(3, feed.LastSeq, feed.ReadThrough, feed.Items, feed.Marks);
        Assert.Equal(feed.Page(Me, null, 10), restored.Page(Me, null, 10), new PageComparer());
        Assert.False(restored.Add(Event(5)));
        Assert.True(restored.Add(Event(6)));
        Assert.Equal(6, restored.LastSeq);
        Assert.Equal((new ReadMark("u:k", 4, 5, 4, 1), true), restored.MarkRead("u:k", 4));
    }

    [Fact]
    public void Capacity_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NotificationFeed(0));
    }

    private sealed class PageComparer : IEqualityComparer<FeedPage>
    {
        public bool Equals(FeedPage? x, FeedPage? y) =>
            x is not null && y is not null && x.Recipient == y.Recipient && x.LastSeq == y.LastSeq && x.ReadThrough == y.ReadThrough
            && x.Unread == y.Unread && x.HasMore == y.HasMore && x.Items.SequenceEqual(y.Items);

        public int GetHashCode(FeedPage obj) => obj.LastSeq.GetHashCode();
    }
}
