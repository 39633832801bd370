namespace CommitteeGrid.Domain.Network;

/// <summary>A network document that cannot be served, with every problem found (not just the first).</summary>
public sealed class NetworkValidationException(IReadOnlyList<string> problems)
    : Exception("The network is not valid: " + string.Join("; ", problems.Take(20)) + (problems.Count > 20 ? $" (and {problems.Count - 20} more)" : ""))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
