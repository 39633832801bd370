using System.Security.Cryptography;
using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Domain.Access;
using CommitteeGrid.Domain.Network;
using CommitteeGrid.Domain.Users;
using CommitteeGrid.Host.Security;

namespace CommitteeGrid.Host.Hosting;

/// <summary>
/// The embedded demo's users, one per role, placed in the network so that each sees something: a city
/// office, one of its counties, a group of that county, a member of the group, the province, the root.
/// They share one password: the configured DemoPassword, else a random one printed at start-up.
/// </summary>
internal static class DemoUsers
{

    public static IReadOnlyList<DemoUser> For(CommitteeNetwork network)
    {
        // Prefer the demo network's 襄阳市 / 襄州区; otherwise the first city with a county that has members.
        var city = network.Find("420600") is { IsCommittee: true } xiangyang ? xiangyang
            : network.Units.Where(u => u.IsCommittee && u.Level == CommitteeLevel.City && u.MemberCount > 0).OrderBy(u => u.Code, StringComparer.Ordinal).FirstOrDefault()
            ?? network.Root;
        var county = network.Find("420607") is { IsCommittee: true } xiangzhou && CommitteeNetwork.IsWithin(xiangzhou, city) ? xiangzhou
            : network.Children(city).Where(u => u.IsCommittee && u.MemberCount > 0).OrderBy(u => u.Code, StringComparer.Ordinal).FirstOrDefault()
            ?? city;
        var group = network.Subtree(county).FirstOrDefault(u => u.Kind == UnitKind.ActivityGroup && u.MemberCount > 0);
        var member = group is null ? null : network.Children(group).First();
        var province = network.SelfAndAncestors(city).FirstOrDefault(u => u.IsCommittee && u.Level == CommitteeLevel.Province) ?? network.Root;

        var users = new List<DemoUser>
        {
            new("city.staff", Roles.Staff, city.Code, $"{city.Name}办公室"),
            new("county.staff", Roles.Staff, county.Code, $"{county.Name}办公室"),
        };
        if (group is not null && member is not null)
        {
            users.Add(new("member", Roles.Member, member.Code, $"委员 {member.Name}（{group.Name}）"));
            users.Add(new("group.leader", Roles.GroupLeader, group.Code, $"{group.Name}组长"));
        }

        users.Add(new("viewer", Roles.Viewer, province.Code, $"查看 {province.Name} 全辖"));
        users.Add(new("operator", Roles.Operator, network.Root.Code, "运维：集群与健康状况"));
        return users;
    }

    public static async Task<DemoLogins> CreateAsync(IUserStore store, Passwords passwords, CommitteeNetwork network, string? password)
    {
        password = string.IsNullOrWhiteSpace(password) ? RandomPassword() : password;
        var users = For(network);
        foreach (var user in users)
        {
            await store.UpsertAsync(new UserAccount(user.Name, user.Role, user.Scope, passwords.Hash(user.Name, password), DateTimeOffset.UtcNow));
        }

        return new DemoLogins(users, password);
    }

    private static string RandomPassword()
    {
        const string Alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        return new string([.. Enumerable.Range(0, 12).Select(_ => Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)])]);
    }
}

internal sealed record DemoUser(string Name, string Role, string Scope, string What);

internal sealed record DemoLogins(IReadOnlyList<DemoUser> Users, string Password);
