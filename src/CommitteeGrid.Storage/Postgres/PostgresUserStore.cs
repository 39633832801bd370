using CommitteeGrid.Domain.Users;
using Npgsql;

namespace CommitteeGrid.Storage.Postgres;

/// <summary>Users in cg_users (migration 0003), in the same database as the ledger.</summary>
public sealed class PostgresUserStore(NpgsqlDataSource db) : IUserStore
{
    public PostgresUserStore(string connectionString)
        : this(NpgsqlDataSource.Create(connectionString))
    {
    }

    public async Task<UserAccount?> FindAsync(string name, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("SELECT name, role, scope, password_hash, created_at FROM cg_users WHERE name = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = name });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new UserAccount(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), new DateTimeOffset(reader.GetDateTime(4), TimeSpan.Zero))
            : null;
    }

    public async Task<bool> UpsertAsync(UserAccount user, CancellationToken ct = default)
    {
        // xmax = 0 only on a freshly inserted row: tells "created" from "updated" in one statement.
        await using var cmd = db.CreateCommand("""
            INSERT INTO cg_users (name, role, scope, password_hash, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)
            ON CONFLICT (name) DO UPDATE SET role = EXCLUDED.role, scope = EXCLUDED.scope, password_hash = EXCLUDED.password_hash, updated_at = EXCLUDED.updated_at
            RETURNING xmax = 0
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = user.Name });
        cmd.Parameters.Add(new NpgsqlParameter { Value = user.Role });
        cmd.Parameters.Add(new NpgsqlParameter { Value = user.Scope });
        cmd.Parameters.Add(new NpgsqlParameter { Value = user.PasswordHash });
        cmd.Parameters.Add(new NpgsqlParameter { Value = user.CreatedAt.UtcDateTime });
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
