using System.Reflection;
using System.Text.RegularExpressions;
using Npgsql;

namespace HistoryEngine.Web.Infrastructure.Records.PostgreSql;

/// <summary>One schema change: a SQL file named <c>NNNN_what.sql</c> under PostgreSql/Migrations/, applied in order.</summary>
internal sealed record Migration(int Version, string Name, string Sql);

/// <summary>A migration that failed; the schema was left as it was before any of this start's migrations.</summary>
internal sealed class MigrationFailedException(Migration migration, Exception inner)
    : Exception($"migration {migration.Name} failed ({inner.Message}); the schema was left as it was", inner);

/// <summary>
/// Brings the schema up to date at start-up. Every migration not yet recorded in <c>schema_migrations</c> runs, in
/// version order, in one transaction that first takes a transaction-scoped advisory lock: two site instances starting
/// together queue on the lock, and the second finds everything already applied. A failing migration rolls the whole
/// transaction back, so the schema is never half-migrated (PostgreSQL's DDL is transactional).
/// </summary>
internal static partial class Migrations
{
    /// <summary>The advisory lock key every HistoryEngine migrator takes (an arbitrary constant: "HE-Mig17").</summary>
    public const long LockKey = 0x48452D4D69673137;

    /// <summary>The migrations shipped in this assembly, in version order.</summary>
    public static IReadOnlyList<Migration> Shipped { get; } = LoadShipped();

    [GeneratedRegex(@"Migrations\.(?<version>\d{4})_(?<name>[a-z0-9_]+)\.sql$")]
    private static partial Regex ResourceName();

    private static List<Migration> LoadShipped()
    {
        var assembly = typeof(Migrations).Assembly;
        var list = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = ResourceName().Match(resource);
            if (!match.Success)
                continue;
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            var version = int.Parse(match.Groups["version"].Value, System.Globalization.CultureInfo.InvariantCulture);
            list.Add(new Migration(version, $"{match.Groups["version"].Value}_{match.Groups["name"].Value}", reader.ReadToEnd()));
        }
        if (list.Select(m => m.Version).Distinct().Count() != list.Count)
            throw new InvalidOperationException("Two migrations share a version number.");
        return [.. list.OrderBy(m => m.Version)];
    }

    /// <summary>Applies what is missing; returns the names applied now (empty when the schema was up to date).</summary>
    public static async Task<IReadOnlyList<string>> ApplyAsync(NpgsqlDataSource dataSource, IReadOnlyList<Migration> migrations,
        TimeProvider clock, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var db = new Db(connection, transaction);
        await db.ExecuteAsync(ct, "select pg_advisory_xact_lock($1)", LockKey).ConfigureAwait(false);
        await db.ExecuteAsync(ct, """
            create table if not exists schema_migrations (
                version integer primary key,
                name text not null,
                applied_at timestamptz not null)
            """).ConfigureAwait(false);
        var applied = (await db.QueryAsync(ct, "select version from schema_migrations", r => r.GetInt32(0)).ConfigureAwait(false))
            .ToHashSet();
        var done = new List<string>();
        foreach (var migration in migrations.OrderBy(m => m.Version))
        {
            if (applied.Contains(migration.Version))
                continue;
            try
            {
                await db.ExecuteAsync(ct, migration.Sql).ConfigureAwait(false);
            }
            catch (PostgresException e)
            {
                await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                throw new MigrationFailedException(migration, e);
            }
            await db.ExecuteAsync(ct, "insert into schema_migrations (version, name, applied_at) values ($1, $2, $3)",
                migration.Version, migration.Name, clock.GetUtcNow()).ConfigureAwait(false);
            done.Add(migration.Name);
        }
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return done;
    }
}
