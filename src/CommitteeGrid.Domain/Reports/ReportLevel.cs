using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Abstractions.Reports;

namespace CommitteeGrid.Domain.Reports;

/// <summary>A report's record at one committee it has reached.</summary>
public sealed class ReportLevel(string committee, CommitteeLevel level, string fromCommittee, DateTimeOffset receivedAt)
{
    public string Committee { get; } = committee;

    public CommitteeLevel Level { get; } = level;

    /// <summary>Who sent it here: the author's committee for the entry level, the forwarding committee above.</summary>
    public string FromCommittee { get; } = fromCommittee;

    public DateTimeOffset ReceivedAt { get; } = receivedAt;

    public bool Adopted { get; set; }

    public bool Forwarded { get; set; }

    public bool Declined { get; set; }

    /// <summary>Returned for revision and not yet revised.</summary>
    public bool AwaitingRevision { get; set; }

    public List<EndorsementView> Endorsements { get; } = [];

    public string Status =>
        AwaitingRevision ? ReportStatus.Returned
        : Declined ? ReportStatus.Declined
        : Forwarded ? ReportStatus.Forwarded
        : Adopted ? ReportStatus.Adopted
        : ReportStatus.Pending;

    public LevelView ToView() => new(Committee, Level, ReceivedAt, Status, Adopted, Forwarded, [.. Endorsements]);
}
