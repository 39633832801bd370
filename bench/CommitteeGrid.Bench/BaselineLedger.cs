using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using CommitteeGrid.Abstractions.Commands;
using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Abstractions.Reports;
using CommitteeGrid.Domain.Ledger;
using CommitteeGrid.Domain.Network;
using CommitteeGrid.Domain.Reports;
using CommitteeGrid.Domain.Tallies;
using Npgsql;
using NpgsqlTypes;

namespace CommitteeGrid.Bench;

/// <summary>
/// A synthetic year of information-report traffic, written straight into the ledger tables. Every entry
/// is decided by the rules a report grain uses (InfoReportRules over an InfoReportState) and built the
/// way InfoReportGrain.Execute builds it, so the payloads replay, the counts are exactly what the grains
/// would have credited, and the rollups heal from them as from real traffic.
/// </summary>
public sealed class BaselineLedger
{
    // Per level: the office adopts, forwards up (both may happen), declines when it did neither, a
    // leader endorses what was adopted or forwarded. Sized on DOMAIN.md's district year: about a
    // quarter adopted or forwarded by city and province, a few per cent forwarded to the national
    // committee, about a tenth endorsed.
    private static readonly Dictionary<CommitteeLevel, (double Adopt, double Forward, double Decline, double Endorse)> Odds = new()
    {
        [CommitteeLevel.County] = (0.60, 0.30, 0.50, 0.12),
        [CommitteeLevel.City] = (0.40, 0.30, 0.50, 0.15),
        [CommitteeLevel.Province] = (0.35, 0.35, 0.50, 0.20),
        [CommitteeLevel.National] = (0.20, 0.00, 0.50, 0.25),
    };

    private const double ReturnChance = 0.04;
    private const double CoAuthorChance = 0.15;
    private const double SecondEndorsementChance = 0.2;

    private static readonly string[] Topics =
    [
        "农村道路养护资金不足", "乡镇卫生院人才流失", "老旧小区加装电梯推进缓慢", "中小学课后服务经费保障",
        "农产品冷链物流短板", "养老服务机构运营困难", "河道垃圾清理长效机制", "小微企业融资难",
        "新就业形态劳动者权益保障", "县域医共体建设", "城乡居民医保缴费负担", "历史文化街区保护利用",
        "农村集体经济发展", "高标准农田建后管护", "社区嵌入式托育服务", "电动自行车充电安全",
    ];

    // One title and body per topic, shared by every report on it: realistic lengths without a gigabyte of text.
    private static readonly string[] Titles = [.. Topics.Select(t => $"关于{t}的建议")];

    private static readonly string[] Bodies = [.. Topics.Select(t =>
        $"近期调研发现，{t}问题较为突出，群众反映强烈。主要原因：一是投入机制不健全，二是部门协同不足，三是基层力量薄弱。建议：加大财政支持力度，明确责任分工，建立定期督查和评估机制，推动问题长效解决。")];

    private static readonly string[] Leaders = ["党委书记", "政府主要负责人"];

    private readonly Planned[] _planned;

    private BaselineLedger(Planned[] planned, int reports, long tallyRows, int year)
    {
        _planned = planned;
        Reports = reports;
        TallyRows = tallyRows;
        Year = year;
    }

    public int Reports { get; }

    public int Entries => _planned.Length;

    public long TallyRows { get; }

    public int Year { get; }

    /// <summary>The reports with the longest histories (id and last version), to check that report grains replay them.</summary>
    public IEnumerable<(string Id, long Version)> LongestReports(int count) =>
        _planned.GroupBy(p => p.Stream)
            .Select(g => (Id: g.Key[(InfoReportState.StreamOf("").Length)..], Version: g.Max(p => p.Version)))
            .OrderByDescending(r => r.Version)
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .Take(count);

    /// <summary>
    /// Reports from random members at random times from 1 January (China time) until <paramref name="now"/>,
    /// until the ledger holds at least <paramref name="entries"/> entries; one worker per core.
    /// </summary>
    public static async Task<BaselineLedger> Generate(CommitteeNetwork network, int entries, DateTimeOffset now, int seed)
    {
        var members = network.Units.Where(u => u.Kind == UnitKind.Member).OrderBy(u => u.Code, StringComparer.Ordinal).ToArray();
        var workers = Math.Clamp(Environment.ProcessorCount, 1, 8);
        var share = (entries + workers - 1) / workers;
        var made = await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(() =>
        {
            var worker = new Worker(network, members, now, new Random(seed * 1000 + w), $"y{w}");
            while (worker.Planned.Count < share)
            {
                worker.OneReport();
            }

            return worker;
        })));

        // In ledger order (by time), as real traffic interleaves every unit's reports: a subtree's rows
        // are spread over the whole table, not stored together.
        var planned = made.SelectMany(w => w.Planned).ToArray();
        Array.Sort(planned, static (a, b) => a.At.CompareTo(b.At));
        return new BaselineLedger(planned, made.Sum(w => w.Reports), made.Sum(w => w.TallyRows), CivilTime.YearOf(now));
    }

    /// <summary>
    /// Binary COPY into cg_ledger and cg_ledger_tally with seq assigned in ledger order. As PostgreSQL's
    /// "Populating a Database" advises, the tables' secondary indexes and foreign key go first and come
    /// back afterwards (built in one pass, not row by row); their definitions are read from the database,
    /// so they are the migrations' own. The seq sequence then moves past the rows so the host's appends follow on.
    /// </summary>
    public async Task<(TimeSpan Copy, TimeSpan Indexes)> Load(NpgsqlDataSource db)
    {
        var clock = Stopwatch.StartNew();
        var restore = new List<string>();
        await using (var connection = await db.OpenConnectionAsync())
        {
            var drop = new List<string>();
            await using (var cmd = new NpgsqlCommand("""
                SELECT 'ALTER TABLE ' || conrelid::regclass || ' DROP CONSTRAINT ' || quote_ident(conname),
                       'ALTER TABLE ' || conrelid::regclass || ' ADD CONSTRAINT ' || quote_ident(conname) || ' ' || pg_get_constraintdef(oid), contype = 'f'
                FROM pg_constraint WHERE conrelid IN ('cg_ledger'::regclass, 'cg_ledger_tally'::regclass) AND contype IN ('u', 'f')
                UNION ALL
                SELECT 'DROP INDEX ' || i.indexrelid::regclass, pg_get_indexdef(i.indexrelid), false
                FROM pg_index i WHERE i.indrelid IN ('cg_ledger'::regclass, 'cg_ledger_tally'::regclass)
                    AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
                ORDER BY 3 DESC
                """, connection))
            await using (var reader = await cmd.ExecuteReaderAsync())
            {
                // Foreign keys first when dropping, last when restoring: they need the unique indexes.
                while (await reader.ReadAsync())
                {
                    drop.Add(reader.GetString(0));
                    restore.Insert(0, reader.GetString(1));
                }
            }

            foreach (var sql in drop)
            {
                await Execute(connection, sql);
            }
        }

        // Without the foreign key the two tables load side by side, each on its own connection and core.
        await Task.WhenAll(Task.Run(() => CopyEntries(db)), Task.Run(() => CopyTallies(db)));
        var copied = clock.Elapsed;

        clock.Restart();
        await using (var connection = await db.OpenConnectionAsync())
        {
            await Execute(connection, "SET maintenance_work_mem = '512MB'");
            foreach (var sql in restore)
            {
                await Execute(connection, sql);
            }

            await Execute(connection, $"SELECT setval(pg_get_serial_sequence('cg_ledger', 'seq'), {_planned.Length})");
        }

        return (copied, clock.Elapsed);
    }

    private async Task CopyEntries(NpgsqlDataSource db)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY cg_ledger (seq, stream, version, kind, payload, idem_key, request_hash, actor_id, actor_role, actor_scope, actor_addr, occurred_at, subject) FROM STDIN (FORMAT BINARY)");
        for (var i = 0; i < _planned.Length; i++)
        {
            var e = _planned[i].ToEntry();
            await copy.StartRowAsync();
            await copy.WriteAsync(i + 1L, NpgsqlDbType.Bigint);
            await copy.WriteAsync(e.Stream, NpgsqlDbType.Text);
            await copy.WriteAsync(e.Version, NpgsqlDbType.Bigint);
            await copy.WriteAsync(e.Kind, NpgsqlDbType.Text);
            await copy.WriteAsync(e.Payload, NpgsqlDbType.Json);
            await copy.WriteAsync(e.IdempotencyKey, NpgsqlDbType.Text);
            await copy.WriteAsync(e.RequestHash, NpgsqlDbType.Text);
            await copy.WriteAsync(e.ActorId, NpgsqlDbType.Text);
            await copy.WriteAsync(e.ActorRole, NpgsqlDbType.Text);
            await WriteNullable(copy, e.ActorScope);
            await WriteNullable(copy, e.ActorAddress);
            await copy.WriteAsync(e.OccurredAt.UtcDateTime, NpgsqlDbType.TimestampTz);
            await WriteNullable(copy, e.Subject);
        }

        await copy.CompleteAsync();
    }

    private async Task CopyTallies(NpgsqlDataSource db)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY cg_ledger_tally (seq, stream, version, member, path, year, counter, delta) FROM STDIN (FORMAT BINARY)");
        for (var i = 0; i < _planned.Length; i++)
        {
            var e = _planned[i];
            foreach (var d in e.Deltas)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(i + 1L, NpgsqlDbType.Bigint);
                await copy.WriteAsync(e.Stream, NpgsqlDbType.Text);
                await copy.WriteAsync(e.Version, NpgsqlDbType.Bigint);
                await copy.WriteAsync(d.Member, NpgsqlDbType.Text);
                await copy.WriteAsync(d.Path, NpgsqlDbType.Text);
                await copy.WriteAsync(d.Year, NpgsqlDbType.Integer);
                await copy.WriteAsync(d.Counter, NpgsqlDbType.Text);
                await copy.WriteAsync(d.Delta, NpgsqlDbType.Bigint);
            }
        }

        await copy.CompleteAsync();
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task WriteNullable(NpgsqlBinaryImporter copy, string? value)
    {
        if (value is null)
        {
            await copy.WriteNullAsync();
        }
        else
        {
            await copy.WriteAsync(value, NpgsqlDbType.Text);
        }
    }

    /// <summary>
    /// A decided command, kept small until it is written: its payload and request hash are made while
    /// copying (on the core the database is not using), not held as a million strings.
    /// </summary>
    private sealed record Planned(string Stream, long Version, InfoReportEvent Event, string Operation, object Command, CommandMeta Meta, DateTimeOffset At, string? Subject, IReadOnlyList<TallyDelta> Deltas)
    {
        public LedgerEntry ToEntry() => new(
            Stream, Version, Event.Kind, InfoReportJson.Serialize(Event), Meta.ScopedKey, Hash(),
            Meta.Actor.UserId, Meta.Actor.Role, Meta.Actor.Scope, Meta.Actor.Address, At, Subject, Deltas);

        // Typed as the grain types it, so the JSON hashed is the same.
        private string Hash() => Command switch
        {
            SubmitInfoReport c => RequestHash.Of(Operation, Stream, c),
            ActOnInfoReport c => RequestHash.Of(Operation, Stream, c),
            ReviseInfoReport c => RequestHash.Of(Operation, Stream, c),
            _ => throw new InvalidOperationException($"unknown command {Command.GetType().Name}"),
        };
    }

    /// <summary>One generating thread: its own random numbers, report numbers and list.</summary>
    private sealed class Worker(CommitteeNetwork network, NetworkUnit[] members, DateTimeOffset now, Random random, string prefix)
    {
        private readonly DateTimeOffset _yearStart = new(CivilTime.ToChina(now).Year, 1, 1, 0, 0, 0, CivilTime.Offset);

        public List<Planned> Planned { get; } = [];

        public long TallyRows { get; private set; }

        public int Reports { get; private set; }

        public void OneReport()
        {
            var n = Reports++;
            var lead = members[random.Next(members.Length)];
            var submitKey = $"{prefix}-{n}-1";

            // The id the API gives a new report: from the submitter and the key (RequestContext.NewReportId).
            var id = "R" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{lead.Code}:{submitKey}")))[..20];
            var state = new InfoReportState(id);
            var topic = random.Next(Topics.Length);
            var at = _yearStart + ((now - _yearStart) * random.NextDouble());

            var submit = new SubmitInfoReport(lead.Code, CoAuthors(lead), Titles[topic], Bodies[topic]);
            if (!Record(state, lead.Code, submitKey, "submit", submit, at, t => InfoReportRules.Submit(state, network, submit, t)))
            {
                return;
            }

            for (var committee = network.Get(lead.CommitteeCode); committee is not null;)
            {
                var odds = Odds[committee.Level];
                var code = committee.Code;
                var staff = code + "-staff";
                if (random.NextDouble() < ReturnChance)
                {
                    var back = new ActOnInfoReport(code, ReportAction.Return, "请补充具体数据和可操作的建议", null, null, null);
                    var revise = new ReviseInfoReport(lead.Code, submit.Title, submit.Body + "（修改稿）");
                    if (!Act(state, staff, n, back, ref at)
                        || !Record(state, lead.Code, Key(n, state), "revise", revise, at = Later(at), _ => InfoReportRules.Revise(state, revise)))
                    {
                        return;
                    }
                }

                var parent = network.ParentCommittee(committee);
                var adopt = random.NextDouble() < odds.Adopt;
                var forward = parent is not null && random.NextDouble() < odds.Forward;
                if (adopt && !Act(state, staff, n, new ActOnInfoReport(code, ReportAction.Adopt, null, null, null, null), ref at))
                {
                    return;
                }

                if (forward && !Act(state, staff, n, new ActOnInfoReport(code, ReportAction.Forward, null, null, null, null), ref at))
                {
                    return;
                }

                if (!adopt && !forward && random.NextDouble() < odds.Decline
                    && !Act(state, staff, n, new ActOnInfoReport(code, ReportAction.Decline, "与已采用信息重复", null, null, null), ref at))
                {
                    return;
                }

                if ((adopt || forward) && random.NextDouble() < odds.Endorse)
                {
                    var endorsements = random.NextDouble() < SecondEndorsementChance ? 2 : 1;
                    for (var i = 0; i < endorsements; i++)
                    {
                        // Dated the day it is recorded; a second leader is recorded but not counted again (篇次).
                        var date = CivilTime.DateOf(at = Later(at));
                        var endorse = new ActOnInfoReport(code, ReportAction.Endorse, null, Leaders[i], date, "请有关部门研究办理");
                        if (!Record(state, staff, Key(n, state), "act", endorse, at, t => InfoReportRules.Act(state, network, endorse, t)))
                        {
                            return;
                        }
                    }
                }

                committee = forward ? parent : null;
            }
        }

        private IReadOnlyList<string> CoAuthors(NetworkUnit lead)
        {
            if (random.NextDouble() >= CoAuthorChance)
            {
                return [];
            }

            var group = network.Get(lead.ParentCode!);
            var others = group.ChildCodes.Where(c => c != lead.Code).ToList();
            return others.Count == 0 ? [] : [others[random.Next(others.Count)]];
        }

        private bool Act(InfoReportState state, string staff, int n, ActOnInfoReport command, ref DateTimeOffset at)
        {
            at = Later(at);
            return Record(state, staff, Key(n, state), "act", command, at, t => InfoReportRules.Act(state, network, command, t));
        }

        private string Key(int n, InfoReportState state) => $"{prefix}-{n}-{state.Version + 1}";

        /// <summary>Offices take hours to weeks; whole microseconds, the precision PostgreSQL keeps.</summary>
        private DateTimeOffset Later(DateTimeOffset at)
        {
            var next = at + TimeSpan.FromMinutes(random.Next(30, 14 * 24 * 60)) + TimeSpan.FromMicroseconds(random.Next(60_000_000));
            return next.AddTicks(-(next.Ticks % TimeSpan.TicksPerMicrosecond));
        }

        /// <summary>
        /// Decides one command and applies it as InfoReportGrain.Execute does. False when its time would be
        /// in the future: the report simply has not got further yet.
        /// </summary>
        private bool Record(InfoReportState state, string actor, string key, string operation, object command, DateTimeOffset at, Func<DateTimeOffset, Decision> decide)
        {
            at = at.AddTicks(-(at.Ticks % TimeSpan.TicksPerMicrosecond));
            if (at > now)
            {
                return false;
            }

            var decision = decide(at);
            if (decision.Rejection is { } rejection)
            {
                throw new InvalidOperationException($"the generator broke a rule on {state.Stream}: {rejection.Message}");
            }

            var e = decision.Event!;
            var planned = new Planned(state.Stream, state.Version + 1, e, operation, command, new CommandMeta(key, new Actor(actor, "staff", null, "127.0.0.1")), at, decision.Subject, decision.Deltas);

            // The state only steers the rules here; its idempotency table is never asked, so no hash is needed yet.
            state.Apply(new LedgerEntry(planned.Stream, planned.Version, e.Kind, "", planned.Meta.ScopedKey, "", actor, "staff", null, null, at, planned.Subject, planned.Deltas), e);
            Planned.Add(planned);
            TallyRows += decision.Deltas.Count;
            return true;
        }
    }
}
