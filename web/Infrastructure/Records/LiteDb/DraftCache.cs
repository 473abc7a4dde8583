using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Infrastructure.Records.LiteDb;

/// <summary>
/// The drafts (or their absence) last read or written, by draft id, so that a page's GET, its POST and the save's
/// compare-and-set do not each look the same draft up in LiteDB (every lookup is a read transaction: a snapshot, the
/// collection's page with its index definitions parsed again, a walk of the id index; about a third of a journey
/// request's allocations). It is exact, not "recent": this process alone can open the file, every write to drafts
/// goes through the store's gate and records its outcome here after it commits, and a read that raced a write
/// cannot fill an entry, because filling needs the generation (bumped by every write) it saw before reading.
/// Bounded: when full it is emptied, which only costs lookups. Safe for concurrent use; drafts are immutable.
/// </summary>
internal sealed class DraftCache(int capacity)
{
    private readonly Dictionary<string, Draft?> _entries = new(StringComparer.Ordinal);
    private readonly Lock _sync = new();
    private long _generation;

    /// <summary>The number of drafts (or absences) held.</summary>
    public int Count
    {
        get { lock (_sync) return _entries.Count; }
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
            MakeRoom(id);
            _entries[id] = draft;
        }
    }

    /// <summary>Records a committed write (null: the draft was deleted). Call it inside the write gate, after commit.</summary>
    public void Written(string id, Draft? draft)
    {
        lock (_sync)
        {
            _generation++;
            MakeRoom(id);
            _entries[id] = draft;
        }
    }

    /// <summary>Forgets one draft (after a write whose outcome is not known).</summary>
    public void Forget(string id)
    {
        lock (_sync)
        {
            _generation++;
            _entries.Remove(id);
        }
    }

    private void MakeRoom(string id)
    {
        if (_entries.Count >= capacity && !_entries.ContainsKey(id))
            _entries.Clear();
    }
}
