namespace CommitteeGrid.Domain.Users;

/// <summary>Users, stored with the rest of the data: PostgreSQL in a cluster, memory in the embedded demo.</summary>
public interface IUserStore
{
    Task<UserAccount?> FindAsync(string name, CancellationToken ct = default);

    /// <summary>Creates the user, or replaces role, scope and password of an existing one. True when created.</summary>
    Task<bool> UpsertAsync(UserAccount user, CancellationToken ct = default);
}
