using System.Collections.Concurrent;
using CommitteeGrid.Domain.Users;

namespace CommitteeGrid.Storage.Memory;

/// <summary>The embedded demo's users: held in this process, gone when it ends.</summary>
public sealed class MemoryUserStore : IUserStore
{
    private readonly ConcurrentDictionary<string, UserAccount> _users = new(StringComparer.Ordinal);

    public Task<UserAccount?> FindAsync(string name, CancellationToken ct = default) =>
        Task.FromResult(_users.TryGetValue(name, out var user) ? user : null);

    public Task<bool> UpsertAsync(UserAccount user, CancellationToken ct = default)
    {
        var created = true;
        _users.AddOrUpdate(user.Name, user, (_, old) =>
        {
            created = false;
            return user with { CreatedAt = old.CreatedAt };
        });
        return Task.FromResult(created);
    }
}
