namespace CommitteeGrid.Abstractions.Proposals;

/// <summary>What the proposal office can decide.</summary>
public enum ReviewAction
{
    /// <summary>立案: registered, numbered per committee and session.</summary>
    Register = 1,

    /// <summary>不立案: not registered, with the reason; optionally turned into an information report.</summary>
    NotRegister = 2,

    /// <summary>并案: merged into another (registered) proposal, whose proposers it joins.</summary>
    Merge = 3,

    /// <summary>重点提案: marked key, optionally with a leader leading its handling (领衔督办).</summary>
    Key = 4,

    /// <summary>优秀提案: marked excellent.</summary>
    Excellent = 5,

    /// <summary>Closed by the office after the answer although not every proposer has rated it.</summary>
    Close = 6,
}
