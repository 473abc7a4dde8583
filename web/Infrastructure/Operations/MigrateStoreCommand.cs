using HistoryEngine.Web.Infrastructure.Records.LiteDb;
using HistoryEngine.Web.Infrastructure.Records.PostgreSql;
using HistoryEngine.Web.Infrastructure.Startup;

namespace HistoryEngine.Web.Infrastructure.Operations;

/// <summary>
/// <c>migrate-store --to PostgreSql [--from PATH]</c>: moves a practice's LiteDB store into an empty PostgreSQL
/// database (docs/operations.md, "Moving a store to PostgreSQL"). The source is the store the site's settings name
/// (Store:Path, Store:Password) or PATH; the target is ConnectionStrings:Records. The source's audit trail must verify
/// before anything is copied; everything is copied as it is (ids, times, statuses, the audit chain's hashes) in one
/// PostgreSQL transaction; afterwards the copy's audit trail must verify with as many events and the same last hash as
/// the source. The LiteDB file is only read: it stays as it was, to keep until the practice has checked the move.
/// </summary>
internal static class MigrateStoreCommand
{
    public const string Verb = "migrate-store";

    private const string Usage =
        "usage: migrate-store --to PostgreSql [--from PATH] \"--ConnectionStrings:Records=Host=...;Database=...\"";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var rest = args.ToList();
        var to = TakeOption(rest, "--to");
        var from = TakeOption(rest, "--from");
        if (!string.Equals(to, "PostgreSql", StringComparison.OrdinalIgnoreCase))
        {
            error.WriteLine($"HistoryEngine {Verb}: say where to move the store to (PostgreSql is the one target). {Usage}");
            return 2;
        }
        var builder = WebApplication.CreateBuilder([.. rest]);
        var config = builder.Configuration;
        var source = Path.GetFullPath(from ?? RecordStoreSetup.StorePath(config, builder.Environment));
        string connection;
        try
        {
            connection = RecordStoreSetup.ConnectionString(config);
        }
        catch (StoreSettingsException)
        {
            error.WriteLine($"HistoryEngine {Verb}: name the PostgreSQL database in ConnectionStrings:Records. {Usage}");
            return 2;
        }
        if (!File.Exists(source))
        {
            error.WriteLine($"HistoryEngine {Verb}: there is no LiteDB store at \"{source}\"; nothing was copied");
            return 1;
        }

        LiteDbRecordStore liteDb;
        try
        {
            liteDb = LiteDbRecordStore.Open(source, config["Store:Password"], TimeProvider.System);
        }
        catch (Exception e) when (StoreOpenFailure.Reason(e) is { } reason)
        {
            error.WriteLine($"HistoryEngine {Verb}: cannot open the LiteDB store \"{source}\": {reason}. " +
                            "Stop the site first: the store must not change while it is moved. Nothing was copied.");
            return 1;
        }
        using (liteDb)
            return await MoveAsync(liteDb, source, connection, output, error);
    }

    private static async Task<int> MoveAsync(LiteDbRecordStore liteDb, string source, string connection, TextWriter output,
        TextWriter error)
    {
        var before = await liteDb.VerifyAuditAsync();
        if (!before.IsIntact)
        {
            error.WriteLine($"HistoryEngine {Verb}: the audit trail of \"{source}\" does not verify (it breaks at event " +
                            $"{before.FirstBrokenSequence}: {before.Problem}); nothing was copied. See docs/operations.md, " +
                            "\"If the audit trail does not verify\".");
            return 1;
        }
        output.WriteLine($"Source {source}: audit trail of {before.EventsChecked} events intact.");

        var target = RecordStoreSetup.Describe(connection);
        PostgreSqlRecordStore postgres;
        try
        {
            postgres = PostgreSqlRecordStore.Open(connection, TimeProvider.System);
        }
        catch (Exception e) when (RecordStoreSetup.PostgreSqlFailure(e) is { } reason)
        {
            error.WriteLine($"HistoryEngine {Verb}: cannot open the PostgreSQL database ({target}): {reason}; nothing was copied");
            return 1;
        }
        using (postgres)
        {
            IReadOnlyList<(string Table, long Rows)> copied;
            try
            {
                copied = await postgres.ImportAsync(liteDb.Export());
            }
            catch (PostgreSqlRecordStore.NotEmptyException e)
            {
                error.WriteLine($"HistoryEngine {Verb}: {e.Message} ({target}); nothing was copied");
                return 1;
            }
            catch (Exception e) when (RecordStoreSetup.PostgreSqlFailure(e) is { } reason)
            {
                error.WriteLine($"HistoryEngine {Verb}: the copy into {target} failed and was rolled back: {reason}");
                return 1;
            }
            foreach (var (table, rows) in copied)
                output.WriteLine($"  {table}: {rows}");

            var after = await postgres.VerifyAuditAsync();
            if (!after.IsIntact || after.EventsChecked != before.EventsChecked)
            {
                error.WriteLine($"HistoryEngine {Verb}: the copy's audit trail does not match the source ({after.EventsChecked} " +
                                $"events, {(after.IsIntact ? "intact" : $"breaking at {after.FirstBrokenSequence}: {after.Problem}")}). " +
                                $"Do not use {target}: drop its tables and run the command again.");
                return 1;
            }
            output.WriteLine($"Moved into {target}: audit trail of {after.EventsChecked} events intact, as in the source. " +
                             $"\"{source}\" is unchanged; keep it until the practice has checked the site on PostgreSQL " +
                             "(--Store:Provider=PostgreSql).");
            return 0;
        }
    }

    /// <summary>Removes "NAME VALUE" from <paramref name="args"/> and returns VALUE (null when absent).</summary>
    private static string? TakeOption(List<string> args, string name)
    {
        var i = args.FindIndex(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase));
        if (i < 0)
            return null;
        var value = i + 1 < args.Count ? args[i + 1] : null;
        args.RemoveRange(i, value is null ? 1 : 2);
        return value;
    }
}
