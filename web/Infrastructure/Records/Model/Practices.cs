namespace HistoryEngine.Web.Infrastructure.Records.Model;

/// <summary>
/// A GP practice whose patients, staff and data share one store with other practices' (a federation on one PostgreSQL
/// database). Every person belongs to one practice; a clinician sees only their own practice's patients and what
/// belongs to them. A store made before practices existed holds one, <see cref="DefaultId"/>, and everything in it
/// belongs there.
/// <see cref="Code"/> is an ODS-style organisation code (e.g. "A81001"), when the practice has one; unique when given.
/// </summary>
public sealed record Practice(string Id, string Name, string? Code, DateTimeOffset CreatedAt)
{
    /// <summary>The practice every store starts with, and every row from before practices existed belongs to.</summary>
    public const string DefaultId = "default";

    /// <summary>The default practice's name until configuration (<c>Practice:Name</c>) gives one.</summary>
    public const string UnnamedName = "Your GP practice";
}

/// <summary>A practice to add; the store assigns the id and the creation time.</summary>
public sealed record NewPractice(string Name, string? Code = null);
