using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Abstractions.Proposals;
using CommitteeGrid.Abstractions.Tallies;
using CommitteeGrid.Domain.Validation;

namespace CommitteeGrid.Domain.Proposals;

/// <summary>
/// The proposal (提案) rules, part one: drafting, joint signing (联名) and submission, by the lead author
/// and the members invited. Every refusal says what is wrong and changes nothing.
/// </summary>
public static partial class ProposalRules
{
    public const int MaxTitleLength = 100;

    /// <summary>Proposals are longer than information reports: the case, the analysis and the suggestions.</summary>
    public const int MaxBodyLength = 10_000;

    /// <summary>As many as a report may name co-authors, so a proposal turned into a report keeps them all.</summary>
    public const int MaxCosigners = 20;

    public const int MaxReasonLength = 500;

    public const int MaxAnswerLength = 5_000;

    public const int MaxLeaderLength = 50;

    public const int MaxCoUnits = 10;

    /// <summary>A signing deadline is at most this far ahead.</summary>
    public static readonly TimeSpan MaxSigningWindow = TimeSpan.FromDays(30);

    public static ProposalDecision Draft(ProposalState state, ProposalCatalog catalog, DraftProposal command)
    {
        if (state.Exists)
        {
            return ProposalDecision.Refuse(RejectionKind.Conflict, $"proposal {state.Id} has already been drafted");
        }

        if (catalog.Network.Find(command.Lead) is not { Kind: UnitKind.Member } lead)
        {
            return ProposalDecision.Refuse(RejectionKind.Invalid, $"lead author '{command.Lead}' is not a member of the network");
        }

        var problem = TextRules.Check("title", command.Title, MaxTitleLength)
            ?? TextRules.Check("body", command.Body, MaxBodyLength, multiline: true);
        return problem is not null
            ? ProposalDecision.Refuse(RejectionKind.Invalid, problem)
            : ProposalDecision.Accept(new ProposalDrafted(lead.Code, lead.CommitteeCode, command.Title, command.Body), subject: ProposalState.DraftsSubject(lead.Code));
    }

    public static ProposalDecision Invite(ProposalState state, ProposalCatalog catalog, InviteCosigners command, DateTimeOffset now)
    {
        if (LeadOnly(state, command.Lead, "invite co-signers to") is { } refused)
        {
            return refused;
        }

        var status = state.Status;
        if (status is not (ProposalStatus.Draft or ProposalStatus.Signing))
        {
            return ProposalDecision.Refuse(RejectionKind.Conflict, $"proposal {state.Id} is {status}; co-signers can be invited only while it is a draft or being signed");
        }

        if (state.SigningDeadline is { } set && now >= set)
        {
            return ProposalDecision.Refuse(RejectionKind.Conflict, $"the signing deadline of proposal {state.Id} ({Show(set)}) has passed; no more co-signers can be invited");
        }

        var members = command.Members ?? [];
        if (members.Count == 0)
        {
            return ProposalDecision.Refuse(RejectionKind.Invalid, "members (the members invited to co-sign) must name at least one member");
        }

        if (members.Distinct(StringComparer.Ordinal).Count() != members.Count)
        {
            return ProposalDecision.Refuse(RejectionKind.Invalid, "a member is invited twice");
        }

        if (state.Invitations.Count + members.Count > MaxCosigners)
        {
            return ProposalDecision.Refuse(RejectionKind.Invalid, $"a proposal may invite at most {MaxCosigners} co-signers; it has {state.Invitations.Count} and {members.Count} more were asked");
        }

        foreach (var code in members)
        {
            if (catalog.Network.Find(code) is not { Kind: UnitKind.Member } member)
            {
                return ProposalDecision.Refuse(RejectionKind.Invalid, $"'{code}' is not a member of the network");
            }

            if (code == state.Lead)
            {
                return ProposalDecision.Refuse(RejectionKind.Invalid, "the lead author cannot co-sign their own proposal");
            }

            if (member.CommitteeCode != state.Committee)
            {
                return ProposalDecision.Refuse(RejectionKind.Invalid, $"member {code} belongs to committee {member.CommitteeCode}; co-signers must be members of committee {state.Committee}");
            }

            if (state.Invitations.Any(i => i.Member == code))
            {
                return ProposalDecision.Refuse(RejectionKind.Conflict, $"member {code} has already been invited to sign proposal {state.Id}");
            }
        }

        DateTimeOffset deadline;
        if (state.SigningDeadline is { } existing)
        {
            if (command.Deadline is { } asked && asked != existing)
            {
                return ProposalDecision.Refuse(RejectionKind.Conflict, $"the signing deadline of proposal {state.Id} is already {Show(existing)}; it cannot be moved");
            }

            deadline = existing;
        }
        else if (command.Deadline is not { } asked)
        {
            return ProposalDecision.Refuse(RejectionKind.Invalid, "deadline (when signing closes) is required with the first invitation");
        }
        else if (asked <= now)
        {
            return ProposalDecision.Refuse(RejectionKind.Invalid, $"the signing deadline {Show(asked)} is not in the future");
        }
        else if (asked > now + MaxSigningWindow)
        {
            return ProposalDecision.Refuse(RejectionKind.Invalid, $"the signing deadline {Show(asked)} is more than {MaxSigningWindow.TotalDays:0} days away");
        }
        else
        {
            deadline = asked;
        }

        return ProposalDecision.Accept(new ProposalInvited([.. members], deadline));
    }

    public static ProposalDecision Sign(ProposalState state, SignProposal command, DateTimeOffset now)
    {
        if (!state.Exists)
        {
            return NotFound(state);
        }

        var invitation = state.Invitations.Find(i => i.Member == command.Member);
        if (invitation is null)
        {
            return ProposalDecision.Refuse(RejectionKind.Forbidden, $"member '{command.Member}' was not invited to sign proposal {state.Id}");
        }

        var status = state.Status;
        if (status != ProposalStatus.Signing)
        {
            return ProposalDecision.Refuse(RejectionKind.Conflict, $"proposal {state.Id} is {status}; signing has closed");
        }

        if (now >= state.SigningDeadline)
        {
            return ProposalDecision.Refuse(RejectionKind.Conflict, $"the signing deadline of proposal {state.Id} ({Show(state.SigningDeadline!.Value)}) has passed");
        }

        if (!invitation.IsPending)
        {
            return ProposalDecision.Refuse(RejectionKind.Conflict, $"member {command.Member} has already {invitation.Answer} the invitation to sign proposal {state.Id}");
        }

        return ProposalDecision.Accept(new ProposalSigned(command.Member, command.Accept));
    }

    public static ProposalDecision Submit(ProposalState state, ProposalCatalog catalog, SubmitProposal command, DateTimeOffset now)
    {
        if (LeadOnly(state, command.Lead, "submit") is { } refused)
        {
            return refused;
        }

        var status = state.Status;
        if (status is not (ProposalStatus.Draft or ProposalStatus.Signing or ProposalStatus.SigningClosed))
        {
            return ProposalDecision.Refuse(RejectionKind.Conflict, $"proposal {state.Id} is {status}; only a draft can be submitted");
        }

        var cosigners = state.Invitations.Where(i => i.Answer == Invitation.Accepted).Select(i => i.Member).ToList();
        var lapsed = state.Invitations.Where(i => i.IsPending).Select(i => i.Member).ToList();
        var (session, duringPlenary) = catalog.Sessions.At(state.Committee, now);
        var e = new ProposalSubmitted(session.Id, session.Name, duringPlenary, cosigners, lapsed);
        return ProposalDecision.Accept(
            e,
            [
                ProposalCredits.Credit(catalog.Network, state.Lead, now, ProposalCounters.Submitted),
                .. cosigners.Select(c => ProposalCredits.Credit(catalog.Network, c, now, ProposalCounters.Cosigned)),
            ],
            ProposalState.RegisterSubject(state.Committee));
    }

    public static ProposalDecision Withdraw(ProposalState state, WithdrawProposal command)
    {
        if (LeadOnly(state, command.Lead, "withdraw") is { } refused)
        {
            return refused;
        }

        var status = state.Status;
        if (status is not (ProposalStatus.Draft or ProposalStatus.Signing or ProposalStatus.SigningClosed or ProposalStatus.Submitted))
        {
            return ProposalDecision.Refuse(RejectionKind.Conflict, $"proposal {state.Id} is {status}; it can be withdrawn only until the office has decided on it");
        }

        return TextRules.Check("reason", command.Reason, MaxReasonLength, required: false, multiline: true) is { } problem
            ? ProposalDecision.Refuse(RejectionKind.Invalid, problem)
            : ProposalDecision.Accept(new ProposalWithdrawn(command.Reason));
    }

    private static ProposalDecision? LeadOnly(ProposalState state, string? lead, string what)
    {
        if (!state.Exists)
        {
            return NotFound(state);
        }

        return lead != state.Lead
            ? ProposalDecision.Refuse(RejectionKind.Forbidden, $"only the lead author ({state.Lead}) can {what} proposal {state.Id}")
            : null;
    }

    private static ProposalDecision NotFound(ProposalState state) =>
        ProposalDecision.Refuse(RejectionKind.NotFound, $"proposal {state.Id} does not exist");

    /// <summary>An instant as people read it: China time.</summary>
    internal static string Show(DateTimeOffset at) => Tallies.CivilTime.ToChina(at).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + " (UTC+8)";
}
