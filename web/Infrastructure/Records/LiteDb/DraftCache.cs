using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Infrastructure.Records.LiteDb;

/// <summary>
/// The drafts (or their absence) last read or written, by draft id, so that a page's GET, its POST and the save's
/// compare-and-set do not each look the same draft up in LiteDB (every lookup is a read transaction: a snapshot, the
/// collection's page with its index definitions parsed again, a walk of the id index; about a third of a journey
/// request's allocations). It is exact, not "recent": this process alone can open the file, every write to drafts
/// goes through the store's gate and records its outcome here after it commits, and a read that raced a write
/// cannot fill an entry, because filling needs the generation (bumped by every write) it saw before reading.
/// Bounded in entries and in bytes (a draft may hold up to <see cref="Draft.MaxAnswersBytes"/> of answers, so a count
/// alone would let a few thousand large drafts take gigabytes): when either bound would be passed it is emptied,
/// which only costs lookups. Safe for concurrent use; drafts are immutable.
/// </summary>
internal sealed class DraftCache(int capacity, long maxBytes)
{
    private readonly Dictionary<string, Draft?> _entries = new(StringComparer.Ordinal);
    private readonly Lock _sync = new();
    private long _generation;
    private long _bytes;

    /// <summary>The number of drafts (or absences) held.</summary>
    public int Count
    {
        get { lock (_sync) return _entries.Count; }
    }

    /// <summary>About how much memory the held drafts take, in bytes (their strings; see <see cref="SizeOf"/>).</summary>
    public long Bytes
    {
        get { lock (_sync) return _bytes; }
    }

    /// <summary>Take this before reading the store; pass it to <see cref="Fill"/> with what was read.</summary>
    public long Generation
    {
        get { lock (_sync) return _generation; }
    }

    /// <summary>True when the draft's current state is known: the draft, or null for "there is none".</summary>
    public bool TryGet(string id, out Draft? draft)
    {
        lock (_sync)
            return _entries.TryGetValue(id, out draft);
    }

    /// <summary>Keeps what a read found, unless a write happened since <paramref name="generation"/> was taken.</summary>
    public void Fill(string id, Draft? draft, long generation)
    {
        lock (_sync)
        {
            if (generation != _generation)
                return;
            Put(id, draft);
        }
    }

    /// <summary>Records a committed write (null: the draft was deleted). Call it inside the write gate, after commit.</summary>
    public void Written(string id, Draft? draft)
    {
        lock (_sync)
        {
            _generation++;
            Put(id, draft);
        }
    }

    /// <summary>Forgets one draft (after a write whose outcome is not known).</summary>
    public void Forget(string id)
    {
        lock (_sync)
        {
            _generation++;
            if (_entries.Remove(id, out var old))
                _bytes -= SizeOf(id, old);
        }
    }

    // Under _sync. A draft bigger than the whole budget is not kept at all (it is read from the file each time).
    private void Put(string id, Draft? draft)
    {
        if (_entries.Remove(id, out var old))
            _bytes -= SizeOf(id, old);
        var size = SizeOf(id, draft);
        if (size > maxBytes)
            return;
        if (_entries.Count >= capacity || _bytes + size > maxBytes)
        {
            _entries.Clear();
            _bytes = 0;
        }
        _entries[id] = draft;
        _bytes += size;
    }

    /// <summary>What an entry costs: its strings at two bytes a character, and a fixed allowance for the objects.</summary>
    internal static long SizeOf(string id, Draft? draft)
    {
        const int Objects = 200;
        var chars = id.Length;
        if (draft is not null)
            chars += draft.AnswersJson.Length + draft.PatientId.Length + draft.UpdatedBy.Length + draft.Key.Length
                     + draft.Questionnaire.Id.Length + draft.Questionnaire.Version.Length + draft.Questionnaire.ContentHash.Length;
        return Objects + 2L * chars;
    }
}
