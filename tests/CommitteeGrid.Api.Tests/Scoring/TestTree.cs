using CommitteeGrid.Api.Tests.Infrastructure;
using CommitteeGrid.Domain.Network;

namespace CommitteeGrid.Api.Tests.Scoring;

/// <summary>The network as the tests read it from the seed file: children, a committee's own members, parties.</summary>
public sealed class TestTree(NetworkDocument document)
{
    public TreeModel Model { get; } = new(document);

    public NetworkDocument Document { get; } = document;

    public bool IsMember(string code) => Document.Members.Any(m => m.Code == code);

    /// <summary>A unit's children in the tree: units below it, or an activity group's members.</summary>
    public IReadOnlyList<string> Children(string code) =>
    [
        .. Document.Units.Where(u => u.Parent == code).Select(u => u.Code)
            .Concat(Document.Members.Where(m => m.Group == code).Select(m => m.Code)),
    ];

    /// <summary>The members of a committee itself (not of the committees below it), in code order.</summary>
    public IReadOnlyList<string> OwnMembers(string committee) =>
        [.. Model.Members.Where(m => Model.CommitteeOf(m) == committee).Order(StringComparer.Ordinal)];

    public string FirstMemberOf(string committee) => OwnMembers(committee)[0];

    public MemberDocument Member(string code) => Document.Members.Single(m => m.Code == code);
}
