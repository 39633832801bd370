using System.Threading.Channels;

namespace CommitteeGrid.Storage.Postgres;

/// <summary>
/// Gathers concurrent reads of one kind (say, a thousand report grains activating at once) and answers
/// them with one query per batch, so a burst costs a few round trips and connections instead of one each.
/// </summary>
internal sealed class ReadBatcher<TRequest, TResult> : IAsyncDisposable
    where TRequest : notnull
{
    private readonly Func<IReadOnlyList<TRequest>, Task<IReadOnlyDictionary<TRequest, TResult>>> _read;
    private readonly Func<TRequest, TResult> _missing;
    private readonly int _maxBatch;
    private readonly Channel<(TRequest Request, TaskCompletionSource<TResult> Done)> _queue =
        Channel.CreateUnbounded<(TRequest, TaskCompletionSource<TResult>)>();

    private readonly Task[] _readers;

    public ReadBatcher(Func<IReadOnlyList<TRequest>, Task<IReadOnlyDictionary<TRequest, TResult>>> read, Func<TRequest, TResult> missing, int maxBatch, int readers)
    {
        _read = read;
        _missing = missing;
        _maxBatch = maxBatch;
        _readers = [.. Enumerable.Range(0, readers).Select(_ => Task.Run(Loop))];
    }

    public Task<TResult> Read(TRequest request)
    {
        var done = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((request, done)))
        {
            done.SetException(new InvalidOperationException("The store is shutting down."));
        }

        return done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_readers);
    }

    private async Task Loop()
    {
        var batch = new List<(TRequest Request, TaskCompletionSource<TResult> Done)>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                var found = await _read([.. batch.Select(b => b.Request).Distinct()]);
                foreach (var (request, done) in batch)
                {
                    done.TrySetResult(found.TryGetValue(request, out var result) ? result : _missing(request));
                }
            }
            catch (Exception ex)
            {
                foreach (var (_, done) in batch)
                {
                    done.TrySetException(ex);
                }
            }
        }
    }
}
