namespace CommitteeGrid.Domain.Validation;

/// <summary>A reference-data document (sessions, handling units) that cannot be served, with every problem found.</summary>
public sealed class SeedValidationException(string document, IReadOnlyList<string> problems)
    : Exception($"The {document} are not valid: " + string.Join("; ", problems.Take(20)) + (problems.Count > 20 ? $" (and {problems.Count - 20} more)" : ""))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
