using Npgsql;

namespace CommitteeGrid.Storage.Postgres;

/// <summary>
/// Runs a statement that is its own transaction again when PostgreSQL rolled it back to break a deadlock
/// or a serialization conflict: nothing of it was kept and none of its callers has been answered.
/// </summary>
internal static class TransientRetry
{
    private const int MaxAttempts = 5;

    public static async Task<T> Run<T>(Func<Task<T>> statement, Action? retrying = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await statement();
            }
            catch (PostgresException ex) when (IsTransient(ex) && attempt < MaxAttempts)
            {
                retrying?.Invoke();
                await Task.Delay(Random.Shared.Next(1, 20 * attempt));
            }
        }
    }

    private static bool IsTransient(PostgresException ex) =>
        ex.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure;
}
