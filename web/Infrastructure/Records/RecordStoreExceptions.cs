namespace HistoryEngine.Web.Infrastructure.Records;

/// <summary>Why the store refused a write whose precondition no longer held.</summary>
public enum ConflictKind
{
    /// <summary>The draft changed (or appeared, or went) since the page that saved it was shown.</summary>
    StaleRevision,
    /// <summary>The submission has already been filed.</summary>
    AlreadyFiled,
    /// <summary>The submission or assignment is not in the status the caller expected, or the move is not allowed.</summary>
    StatusMoved,
    /// <summary>A record entry already has a correction.</summary>
    AlreadySuperseded,
    /// <summary>The user name is taken.</summary>
    DuplicateUserName,
    /// <summary>A one-time account link was used already, cancelled by a newer one, or has expired.</summary>
    LinkClosed,
    /// <summary>Another practice already has this organisation code.</summary>
    DuplicatePracticeCode,
}

/// <summary>A write refused by compare-and-set; <see cref="Kind"/> says which rule, the message what was attempted.</summary>
public sealed class RecordConflictException(ConflictKind kind, string message) : Exception(message)
{
    /// <summary>Which rule refused the write.</summary>
    public ConflictKind Kind { get; } = kind;
}

/// <summary>A write that named something the store does not hold.</summary>
public sealed class RecordNotFoundException(string what, string id)
    : Exception($"There is no {what} with id '{id}'.")
{
    /// <summary>The kind of thing looked for ("submission", "person", ...).</summary>
    public string What { get; } = what;
}

/// <summary>A write over a size limit the store keeps (<see cref="Model.Draft.MaxAnswersBytes"/>); nothing was written.</summary>
public sealed class RecordTooLargeException(string what, long bytes, long limit)
    : Exception($"Cannot save the {what}: it takes {bytes:N0} bytes, over the limit of {limit:N0}.")
{
    /// <summary>The size that was refused, in bytes.</summary>
    public long Bytes { get; } = bytes;
}

/// <summary>The store could not be reached (a database server down or unreachable): nothing was written, and the
/// caller may try again later. The site answers 503 Service Unavailable.</summary>
public sealed class RecordStoreUnavailableException(string message, Exception inner) : Exception(message, inner);
