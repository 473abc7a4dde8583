using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Features.Clinician.Closing;

/// <summary>
/// Closing a submission without filing (issue 12 point 2; hazard H15 in docs/clinical-safety.md). Every close needs a
/// reason. Closing an emergency or urgent one also needs how its flag was dealt with and the clinician's explicit
/// confirmation, so an urgent flag is never dismissed in one click. The reason, the way and the confirmation become
/// one note, kept in the status history and the audit trail.
/// </summary>
public sealed record CloseForm(string Reason, string? DealtWith, bool Confirmed)
{
    /// <summary>The longest reason kept; it is a note in the history, not a letter.</summary>
    public const int MaxReason = 1000;

    /// <summary>The HTML ids of the form's fields (the first radio carries the group's id), for the error links.</summary>
    public const string ReasonId = "close-reason", DealtWithId = "close-dealt-with", ConfirmId = "close-confirm";

    /// <summary>How a GP deals with an urgent flag, in their words. "Could not reach the patient" is deliberately not
    /// one: that flag is not dealt with, and the submission stays open.</summary>
    public static readonly IReadOnlyList<(string Code, string Text)> Ways =
    [
        ("spoke", "I spoke to the patient and gave advice or arranged care"),
        ("seen", "The patient has been seen (here, out of hours, by 111 or in A&E)"),
        ("colleague", "A colleague has taken it on (say who in the reason)"),
        ("known", "Already known and being managed: nothing new to do"),
    ];

    /// <summary>True when closing needs the flag dealt with and confirmed.</summary>
    public static bool NeedsConfirmation(FlagLevel level) => level >= FlagLevel.Urgent;

    /// <summary>"emergency" or "urgent", as the form and the note say it.</summary>
    public static string FlagWord(FlagLevel level) => level == FlagLevel.Emergency ? "emergency" : "urgent";

    public static CloseForm Read(IFormCollection form) =>
        new(((string?)form["reason"] ?? "").Trim(), Blank(form["dealtWith"]), form["confirm"] == "yes");

    /// <summary>The problems with this form for a submission of this level, by field id (empty when it may close).</summary>
    public Dictionary<string, string> Problems(FlagLevel level)
    {
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Reason.Length == 0)
            problems[ReasonId] = "Enter why you are closing this submission without filing";
        else if (Reason.Length > MaxReason)
            problems[ReasonId] = $"The reason must be {MaxReason} characters or fewer (it has {Reason.Length})";
        if (!NeedsConfirmation(level))
            return problems;
        var word = FlagWord(level);
        if (Way is null)
            problems[DealtWithId] = $"Select how the {word} flag was dealt with";
        if (!Confirmed)
            problems[ConfirmId] = $"Confirm that you have dealt with the {word} flag";
        return problems;
    }

    /// <summary>The chosen way in words; null when none, or a code the form never offered.</summary>
    public string? Way => Ways.FirstOrDefault(w => w.Code == DealtWith).Text;

    /// <summary>What the status history and the audit trail keep.</summary>
    public string Note(FlagLevel level) => NeedsConfirmation(level)
        ? $"{Reason.TrimEnd('.')}. {char.ToUpperInvariant(FlagWord(level)[0])}{FlagWord(level)[1..]} flag dealt with (confirmed): {Way}."
        : Reason;

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
