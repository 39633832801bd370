using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Abstractions.Proposals;
using CommitteeGrid.Abstractions.Tallies;
using CommitteeGrid.Domain.Ledger;

namespace CommitteeGrid.Domain.Proposals;

/// <summary>
/// A proposal folded from its ledger entries. Everything here derives from the entries, so replaying
/// the stream rebuilds it exactly (including the idempotency keys it has answered).
/// </summary>
public sealed class ProposalState(string id)
{
    private readonly Dictionary<string, (string Hash, Receipt Receipt)> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Version, Dictionary<TallyKey, long> Counts)> _credits = new(StringComparer.Ordinal);

    public string Id { get; } = id;

    public string Stream => StreamOf(Id);

    public bool Exists { get; private set; }

    public string Lead { get; private set; } = "";

    /// <summary>The lead's committee: where the proposal is submitted and reviewed.</summary>
    public string Committee { get; private set; } = "";

    public string Title { get; private set; } = "";

    public string Body { get; private set; } = "";

    public DateTimeOffset DraftedAt { get; private set; }

    public List<Invitation> Invitations { get; } = [];

    public DateTimeOffset? SigningDeadline { get; private set; }

    /// <summary>Signing is over: the deadline passed (recorded) or the proposal was submitted.</summary>
    public bool SigningClosed { get; private set; }

    public bool Submitted { get; private set; }

    public DateTimeOffset? SubmittedAt { get; private set; }

    public string? Session { get; private set; }

    public string? SessionName { get; private set; }

    public bool DuringPlenary { get; private set; }

    /// <summary>Co-signers who signed before submission (联名人).</summary>
    public List<string> Cosigners { get; } = [];

    public bool Withdrawn { get; private set; }

    public bool Registered { get; private set; }

    public int? Number { get; private set; }

    public string? NumberText { get; private set; }

    public bool NotRegistered { get; private set; }

    /// <summary>Why it was withdrawn, not registered or closed early.</summary>
    public string? Reason { get; private set; }

    public string? ReportId { get; private set; }

    public string? ReportBody { get; private set; }

    public string? MergedInto { get; private set; }

    public List<AbsorbedView> Absorbed { get; } = [];

    public bool Key { get; private set; }

    public string? LeadingLeader { get; private set; }

    public bool Excellent { get; private set; }

    public int Round { get; private set; }

    public List<UnitAssignment> Units { get; } = [];

    /// <summary>The lead unit handed it back and the office has not reassigned it yet.</summary>
    public bool HandedBack { get; private set; }

    public AnswerView? Answer { get; private set; }

    public List<RatingView> Ratings { get; } = [];

    public bool ClosedByOffice { get; private set; }

    public long Version { get; private set; }

    public List<ProposalHistoryEntry> History { get; } = [];

    public static string StreamOf(string proposalId) => "proposal/" + proposalId;

    /// <summary>The ledger subject of a draft: how a member's own list finds drafts, which credit nobody yet.</summary>
    public static string DraftsSubject(string lead) => "drafts/" + lead;

    /// <summary>The ledger subject of a proposal's submission: it brings the proposal into its committee's register.</summary>
    public static string RegisterSubject(string committee) => "proposals/" + committee;

    /// <summary>Everyone credited as a proposer: the lead, the co-signers, then those who joined by merger.</summary>
    public IReadOnlyList<string> Proposers
    {
        get
        {
            var all = new List<string> { Lead };
            foreach (var member in Cosigners.Concat(Absorbed.SelectMany(a => a.Cosigners.Prepend(a.Lead))))
            {
                if (!all.Contains(member))
                {
                    all.Add(member);
                }
            }

            return all;
        }
    }

    public IEnumerable<UnitAssignment> ActiveUnits => Units.Where(u => u.Active);

    public UnitAssignment? ActiveAssignmentOf(string unit) => Units.Find(u => u.Active && u.Unit == unit);

    /// <summary>Answered and either every proposer has rated or the office closed it.</summary>
    public bool Closed => Answer is not null && (ClosedByOffice || Proposers.All(p => Ratings.Any(r => r.Member == p)));

    public string Status =>
        !Exists ? "none"
        : Withdrawn ? ProposalStatus.Withdrawn
        : MergedInto is not null ? ProposalStatus.Merged
        : NotRegistered ? ProposalStatus.NotRegistered
        : Closed ? ProposalStatus.Closed
        : Answer is not null ? ProposalStatus.Answered
        : Units.Any(u => u.Active) ? ProposalStatus.Assigned
        : HandedBack ? ProposalStatus.HandedBack
        : Registered ? ProposalStatus.Registered
        : Submitted ? ProposalStatus.Submitted
        : SigningClosed ? ProposalStatus.SigningClosed
        : Invitations.Count > 0 ? ProposalStatus.Signing
        : ProposalStatus.Draft;

    public (string Hash, Receipt Receipt)? FindKey(string scopedKey) =>
        _keys.TryGetValue(scopedKey, out var found) ? found : null;

    /// <summary>Per credited member: the version of the last entry that credited them, and their counts.</summary>
    public TallySnapshot? CreditTo(string member) =>
        _credits.TryGetValue(member, out var c) ? new TallySnapshot(Stream, c.Version, new Dictionary<TallyKey, long>(c.Counts)) : null;

    public IEnumerable<string> CreditedMembers => _credits.Keys;

    public void Replay(LedgerEntry entry) => Apply(entry, ProposalJson.Deserialize(entry.Payload));

    public void Apply(LedgerEntry entry, ProposalEvent e)
    {
        if (entry.Version != Version + 1)
        {
            throw new InvalidOperationException($"Proposal {Id}: entry version {entry.Version} does not follow {Version}.");
        }

        var at = entry.OccurredAt;
        switch (e)
        {
            case ProposalDrafted d:
                Exists = true;
                Lead = d.Lead;
                Committee = d.Committee;
                Title = d.Title;
                Body = d.Body;
                DraftedAt = at;
                break;
            case ProposalInvited i:
                SigningDeadline = i.Deadline;
                Invitations.AddRange(i.Members.Select(m => new Invitation(m, at)));
                break;
            case ProposalSigned s:
                var invitation = Invitations.Find(x => x.Member == s.Member)!;
                invitation.Answer = s.Accepted ? Invitation.Accepted : Invitation.Declined;
                invitation.AnsweredAt = at;
                break;
            case ProposalSigningClosed c:
                SigningClosed = true;
                Lapse(c.Lapsed);
                break;
            case ProposalSubmitted s:
                SigningClosed = true;
                Lapse(s.Lapsed);
                Submitted = true;
                SubmittedAt = at;
                Session = s.Session;
                SessionName = s.SessionName;
                DuringPlenary = s.DuringPlenary;
                Cosigners.AddRange(s.Cosigners);
                break;
            case ProposalWithdrawn w:
                Withdrawn = true;
                Reason = w.Reason;
                break;
            case ProposalRegistered r:
                Registered = true;
                Number = r.Number;
                NumberText = r.NumberText;
                break;
            case ProposalNotRegistered n:
                NotRegistered = true;
                Reason = n.Reason;
                ReportId = n.ReportId;
                ReportBody = n.ReportBody;
                break;
            case ProposalMerged m:
                MergedInto = m.Into;
                break;
            case ProposalAbsorbed a:
                Absorbed.Add(new AbsorbedView(a.From, a.Lead, a.Cosigners));
                break;
            case ProposalMarkedKey k:
                Key = true;
                LeadingLeader = k.LeadingLeader;
                break;
            case ProposalMarkedExcellent:
                Excellent = true;
                break;
            case ProposalAssigned a:
                Round = a.Round;
                HandedBack = false;
                Units.Add(new UnitAssignment(a.LeadUnit, isLead: true, a.Round, at, a.DueAt));
                Units.AddRange(a.CoUnits.Select(u => new UnitAssignment(u, isLead: false, a.Round, at, a.DueAt)));
                break;
            case ProposalHandedBack h:
                foreach (var unit in h.Whole ? ActiveUnits.ToList() : [ActiveAssignmentOf(h.Unit)!])
                {
                    unit.Active = false;
                    if (unit.Unit == h.Unit)
                    {
                        unit.HandedBackAt = at;
                    }
                }

                HandedBack |= h.Whole;
                break;
            case ProposalCoAnswered c:
                var co = ActiveAssignmentOf(c.Unit)!;
                co.Active = false;
                co.AnsweredAt = at;
                co.Opinion = c.Text;
                break;
            case ProposalAnswered a:
                var lead = ActiveAssignmentOf(a.Unit)!;
                lead.AnsweredAt = at;
                lead.Opinion = a.Text;
                foreach (var unit in ActiveUnits.ToList())
                {
                    unit.Active = false;
                }

                Answer = new AnswerView(a.Unit, a.Class, a.Text, at);
                break;
            case ProposalRated r:
                Ratings.Add(new RatingView(r.Member, r.Rating, at));
                break;
            case ProposalClosed c:
                ClosedByOffice = true;
                Reason = c.Reason;
                break;
            case ProposalDueSoon w:
                foreach (var unit in Units.Where(u => u.Unit == w.Unit && u.Round == w.Round))
                {
                    unit.DueSoonWarned = true;
                }

                break;
            case ProposalOverdue o:
                foreach (var unit in Units.Where(u => u.Unit == o.Unit && u.Round == o.Round))
                {
                    unit.DueSoonWarned = true;
                    unit.OverdueWarned = true;
                }

                break;
            default:
                throw new InvalidOperationException($"Unknown proposal event {e.GetType().Name}.");
        }

        Version = entry.Version;
        _keys[entry.IdempotencyKey] = (entry.RequestHash, new Receipt(entry.Stream, entry.Version, entry.Kind, entry.OccurredAt));
        foreach (var delta in entry.Deltas)
        {
            if (!_credits.TryGetValue(delta.Member, out var credit))
            {
                credit = (0, []);
            }

            var key = new TallyKey(delta.Year, delta.Counter);
            credit.Counts[key] = credit.Counts.GetValueOrDefault(key) + delta.Delta;
            _credits[delta.Member] = (entry.Version, credit.Counts);
        }

        History.Add(new ProposalHistoryEntry(entry.Version, entry.Kind, at, entry.ActorId, entry.ActorRole, Describe(e)));
    }

    public ProposalView ToView() => new(
        Id, Lead, Committee, Title, Body, Status, DraftedAt, SigningDeadline,
        [.. Invitations.Select(i => new InvitationView(i.Member, i.Answer, i.InvitedAt, i.AnsweredAt))],
        [.. Cosigners], SubmittedAt, Session, DuringPlenary, Number, NumberText, Reason, ReportId, MergedInto,
        [.. Absorbed], Key, LeadingLeader, Excellent, [.. Units.Select(u => u.ToView())], Answer, [.. Ratings],
        Version, [.. History]);

    /// <summary>The proposal as its committee's register shows it; null until it is submitted.</summary>
    public ProposalSummary? ToSummary() => !Submitted
        ? null
        : new ProposalSummary(
            Id, Committee, Session!, DuringPlenary, Number, NumberText, Title, Lead, Proposers.Count, Status,
            SubmittedAt!.Value, Key, Excellent, Answer?.Class, MergedInto, [.. Units.Select(u => u.ToView())], Version);

    private void Lapse(IEnumerable<string> members)
    {
        foreach (var invitation in Invitations.Where(i => i.IsPending && members.Contains(i.Member)))
        {
            invitation.Answer = Invitation.Lapsed;
        }
    }

    private static string? Describe(ProposalEvent e) => e switch
    {
        ProposalInvited i => $"{string.Join(", ", i.Members)}; deadline {i.Deadline:yyyy-MM-dd HH:mm:ss zzz}",
        ProposalSigned s => s.Member,
        ProposalSigningClosed c => c.Lapsed.Count == 0 ? null : "lapsed: " + string.Join(", ", c.Lapsed),
        ProposalSubmitted s => $"{s.SessionName} ({(s.DuringPlenary ? "during the plenary" : "between sessions")})",
        ProposalWithdrawn w => w.Reason,
        ProposalRegistered r => r.NumberText,
        ProposalNotRegistered n => n.ReportId is null ? n.Reason : $"{n.Reason}; turned into report {n.ReportId}",
        ProposalMerged m => $"into {m.Into}",
        ProposalAbsorbed a => $"from {a.From}",
        ProposalMarkedKey k => k.LeadingLeader,
        ProposalAssigned a => $"lead {a.LeadUnit}" + (a.CoUnits.Count == 0 ? "" : "; co " + string.Join(", ", a.CoUnits)) + $"; due {a.DueAt:yyyy-MM-dd HH:mm zzz}",
        ProposalHandedBack h => $"{h.Unit}: {h.Reason}",
        ProposalCoAnswered c => c.Unit,
        ProposalAnswered a => $"{a.Unit}: class {a.Class.Letter()}",
        ProposalRated r => $"{r.Member}: {r.Rating.Key()}",
        ProposalClosed c => c.Reason,
        ProposalDueSoon w => $"{w.Unit}: due {w.DueAt:yyyy-MM-dd HH:mm zzz}",
        ProposalOverdue o => $"{o.Unit}: was due {o.DueAt:yyyy-MM-dd HH:mm zzz}",
        _ => null,
    };
}
