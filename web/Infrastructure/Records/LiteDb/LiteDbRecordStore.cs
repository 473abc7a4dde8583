using LiteDB;

namespace HistoryEngine.Web.Infrastructure.Records.LiteDb;

/// <summary>
/// The embedded record store: one LiteDB file, opened once per process (Direct mode holds the file exclusively).
/// Reads go straight to LiteDB; every write that checks before it writes takes <see cref="_gate"/> and a LiteDB
/// transaction, so compare-and-set is atomic within the process, which is the only process that can open the file.
/// The gate is a semaphore, not a lock: a request that finds it taken waits asynchronously, so under load writers
/// queue without spinning or holding thread-pool threads (a spinning lock cost about a tenth of the CPU at 16 users).
/// Dates are written as UTC and read back as UTC; times are cut to whole milliseconds because that is what BSON keeps.
/// </summary>
internal sealed partial class LiteDbRecordStore : IRecordStore, IRecordStoreSeeding, IDisposable
{
    private readonly LiteDatabase _db;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly DraftCache _drafts = new(DraftCacheCapacity, DraftCacheBytes);

    /// <summary>Drafts kept in memory at most (a draft is a few kilobytes of answers).</summary>
    internal const int DraftCacheCapacity = 4096;

    /// <summary>Memory the kept drafts may take at most: 4096 typical drafts fit many times over; 64 of the largest
    /// allowed drafts do too.</summary>
    internal const long DraftCacheBytes = 64L * 1024 * 1024;

    // Held open with FileShare.None for the store's lifetime: on Linux LiteDB's Direct mode does not stop a second
    // process opening the same file, and two writers would corrupt it. .NET turns FileShare.None into an exclusive
    // advisory lock, which every other HistoryEngine process (a second site, the backup command) respects.
    private readonly FileStream _lock;

    private LiteDbRecordStore(LiteDatabase db, TimeProvider clock, string path, FileStream processLock)
    {
        _db = db;
        _clock = clock;
        FilePath = path;
        _lock = processLock;
    }

    /// <summary>The database file's full path.</summary>
    public string FilePath { get; }

    /// <summary>Opens (or creates) the database file and its indexes; throws whatever LiteDB or the file system
    /// throws when the file cannot be used (see <see cref="StoreOpenFailure"/> for turning that into words).</summary>
    public static LiteDbRecordStore Open(string path, string? password, TimeProvider clock)
    {
        if (Directory.Exists(path))
            throw new IOException("it is a directory, not a database file");
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
            PrivateFiles.CreateFolder(folder);
        LiteDbFileCheck.EnsureLooksLikeLiteDb(path);
        var processLock = TakeProcessLock(path);

        var connection = new ConnectionString
        {
            Filename = path,
            Connection = ConnectionType.Direct,
            Password = string.IsNullOrEmpty(password) ? null : password,
        };
        LiteDatabase db;
        try
        {
            db = new LiteDatabase(connection);
        }
        catch
        {
            processLock.Dispose();
            throw;
        }
        try
        {
            // LiteDB reads dates back as local time unless told otherwise; the pragma is kept in the file.
            if (!db.UtcDate)
                db.UtcDate = true;
            EnsureIndexes(db);
            EnsureDefaultPractice(db, clock);
            foreach (var file in Files(path))
                PrivateFiles.Restrict(file);
            return new LiteDbRecordStore(db, clock, Path.GetFullPath(path), processLock);
        }
        catch
        {
            db.Dispose();
            processLock.Dispose();
            throw;
        }
    }

    /// <summary>The files a store at <paramref name="path"/> is made of: the data, LiteDB's log beside it
    /// (<c>NAME-log.db</c>), and the lock that keeps other processes out.</summary>
    public static IEnumerable<string> Files(string path) => [Path.GetFullPath(path), LogFile(path), Path.GetFullPath(path) + ".lock"];

    /// <summary>Where LiteDB keeps changes not yet folded into the store at <paramref name="path"/>.</summary>
    public static string LogFile(string path)
    {
        var full = Path.GetFullPath(path);
        return Path.Combine(Path.GetDirectoryName(full)!, Path.GetFileNameWithoutExtension(full) + "-log" + Path.GetExtension(full));
    }

    private static FileStream TakeProcessLock(string path)
    {
        try
        {
            return new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new StoreInUseException();
        }
    }

    private static void EnsureIndexes(LiteDatabase db)
    {
        db.GetCollection(People).EnsureIndex("userNameKey", unique: true);
        db.GetCollection(People).EnsureIndex("role");
        db.GetCollection(EndedSessions).EnsureIndex("until");
        db.GetCollection(Drafts).EnsureIndex("patientId");
        var submissions = db.GetCollection(Submissions);
        submissions.EnsureIndex("reference", unique: true);
        submissions.EnsureIndex("patientId");
        submissions.EnsureIndex("status");
        submissions.EnsureIndex("flag");
        submissions.EnsureIndex("submittedAt");
        submissions.EnsureIndex(QueueIndex, QueueKey);
        db.GetCollection(Entries).EnsureIndex("patientId");
        db.GetCollection(Entries).EnsureIndex("supersedesId");
        db.GetCollection(Messages).EnsureIndex("patientId");
        db.GetCollection(Grants).EnsureIndex("patientId");
        db.GetCollection(Grants).EnsureIndex("carerId");
        db.GetCollection(Assignments).EnsureIndex("patientId");
        db.GetCollection(Audit).EnsureIndex("patientId");
        db.GetCollection(Assignments).EnsureIndex("status");
        db.GetCollection(Assignments).EnsureIndex("key");
        db.GetCollection(PlanAlerts).EnsureIndex("patientId");
        db.GetCollection(PlanAlerts).EnsureIndex("reviewedAt");
        db.GetCollection(Entries).EnsureIndex("codingCodes", "$.codings[*].code");
        db.GetCollection(AccountLinks).EnsureIndex("tokenHash", unique: true);
        db.GetCollection(AccountLinks).EnsureIndex("personId");
    }

    private const string People = "people";
    private const string Drafts = "drafts";
    private const string Submissions = "submissions";
    private const string Entries = "entries";
    private const string Messages = "messages";
    private const string Grants = "grants";
    private const string Assignments = "assignments";
    private const string PlanAlerts = "plan_alerts";
    private const string Audit = "audit";
    private const string AuditHead = "audit_head";
    private const string SubmittedDrafts = "submitted_drafts";
    private const string Archive = "questionnaire_archive";
    private const string Visits = "visits";
    private const string EndedSessions = "ended_sessions";
    private const string AccountLinks = "account_links";

    private ILiteCollection<BsonDocument> Collection(string name) => _db.GetCollection(name);

    // LiteDB's FindById parses "_id = @0" into a new expression on every call (a tenth of a person lookup's
    // allocations). The parsed expression is reused instead, one per thread because its parameter is set per call;
    // the query runs to completion inside FindById below, so no other lookup on the thread can change it meanwhile.
    [ThreadStatic] private static BsonExpression? _idEquals;

    /// <summary>The document with this id, or null: LiteDB's FindById without parsing its expression each time.</summary>
    private static BsonDocument? FindById(ILiteCollection<BsonDocument> collection, BsonValue id)
    {
        if (id is null || id.IsNull)
            throw new ArgumentNullException(nameof(id));
        var idEquals = _idEquals ??= BsonExpression.Create("_id = @0", BsonValue.Null);
        idEquals.Parameters["0"] = id;
        try
        {
            return collection.FindOne(idEquals);
        }
        finally
        {
            idEquals.Parameters["0"] = BsonValue.Null;
        }
    }

    /// <summary>The clock's time, in UTC, cut to the millisecond so that what is returned equals what is read back.</summary>
    private DateTimeOffset Now()
    {
        var now = _clock.GetUtcNow();
        return new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
    }

    private static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>Runs a check-then-write under the gate and inside one transaction, rolling back on any failure.
    /// Uncontended, it runs at once on the caller's thread (and throws there, as before); otherwise it waits for the
    /// gate without blocking a thread. LiteDB ties a transaction to its thread, so everything between taking and
    /// releasing the gate is synchronous.</summary>
    private Task<T> Write<T>(CancellationToken ct, Func<T> write) => Write(ct, write, committed: null, failed: null);

    /// <summary>As <see cref="Write{T}(CancellationToken, Func{T})"/>; <paramref name="committed"/> runs after the
    /// commit and <paramref name="failed"/> after a rollback, both still under the gate.</summary>
    private Task<T> Write<T>(CancellationToken ct, Func<T> write, Action<T>? committed, Action? failed)
    {
        ct.ThrowIfCancellationRequested();
        if (!_gate.Wait(0))
            return WriteWhenFree(ct, write, committed, failed);
        try
        {
            return Task.FromResult(InTransaction(write, committed, failed));
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<T> WriteWhenFree<T>(CancellationToken ct, Func<T> write, Action<T>? committed, Action? failed)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return InTransaction(write, committed, failed);
        }
        finally
        {
            _gate.Release();
        }
    }

    private T InTransaction<T>(Func<T> write, Action<T>? committed, Action? failed)
    {
        _db.BeginTrans();
        T result;
        try
        {
            result = write();
            _db.Commit();
        }
        catch
        {
            _db.Rollback();
            failed?.Invoke();
            throw;
        }
        committed?.Invoke(result);
        return result;
    }

    private static Task<T> Read<T>(CancellationToken ct, Func<T> read)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(read());
    }

    /// <summary>Closes the file.</summary>
    public void Dispose()
    {
        _db.Dispose();
        _lock.Dispose();
    }
}

/// <summary>The store is open in another process (the site is running, or a second copy of it is).</summary>
internal sealed class StoreInUseException() : IOException("it is in use by another process (is the site already running?)");
