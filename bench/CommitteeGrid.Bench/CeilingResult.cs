namespace CommitteeGrid.Bench;

/// <summary>One stage of the ceiling run: a kind of request driven alone by closed-loop clients, and what it cost.</summary>
public sealed record CeilingStage(string Name, string What, long Requests, long Failed, double Seconds, double P50, double P99, CpuSample Cpu, bool CountSilo = true)
{
    public double PerSecond => Requests / Seconds;

    public double SiloMicros => Micros(Cpu.Silo);

    public double PostgresMicros => Micros(Cpu.Postgres);

    public double LoadGeneratorMicros => Micros(Cpu.LoadGenerator);

    /// <summary>
    /// CPU per request of every process the request needs. A stage that never reaches the silo (the
    /// ledger's) leaves out the silo's idle work, which the other stages already carry.
    /// </summary>
    public double TotalMicros => (CountSilo ? SiloMicros : 0) + PostgresMicros + LoadGeneratorMicros;

    private double Micros(double seconds) => Requests == 0 ? double.NaN : seconds * 1e6 / Requests;
}

/// <summary>What the ceiling run found: each stage, and the least CPU a command can cost here against the target's budget.</summary>
public sealed record CeilingResult(IReadOnlyList<CeilingStage> Stages, int Cores, int Target, string? FirstFailure)
{
    public CeilingStage Stage(string name) => Stages.Single(s => s.Name == name);

    /// <summary>A command is at least one signed-in request that reaches a grain, and one durable ledger append.</summary>
    public double FloorMicros => Stage("read").TotalMicros + Stage("ledger").TotalMicros;

    /// <summary>Commands per second these cores would carry if a command cost only the floor.</summary>
    public double MostPerSecond => Cores * 1e6 / FloorMicros;

    /// <summary>CPU per command the target leaves on these cores.</summary>
    public double BudgetMicros => Cores * 1e6 / Target;

    public bool Passed => Stages.All(s => s.Requests > 0 && s.Failed == 0);
}
