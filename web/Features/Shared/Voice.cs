using HistoryEngine.Web.Infrastructure.Security;

namespace HistoryEngine.Web.Features.Shared;

/// <summary>
/// Who a page speaks to about whose data: the patient ("your answers") or a carer acting for them ("Sam Smith's
/// answers", "their practice"). The patient's name is what the practice registered; Razor encodes it.
/// </summary>
public sealed record Voice(bool Self, string Name)
{
    public static Voice For(Subject subject) => new(subject.IsSelf, subject.Patient.DisplayName);

    /// <summary>"your", or the patient's name with 's: "Check Sam Smith's answers".</summary>
    public string Whose => Self ? "your" : Possessive(Name);

    /// <summary>"Your", or the patient's name with 's, to start a sentence.</summary>
    public string WhoseCapital => Self ? "Your" : Possessive(Name);

    /// <summary>"your" or "their", where the name has already been said.</summary>
    public string Your => Self ? "your" : "their";

    /// <summary>"Your" or "Their", to start a sentence.</summary>
    public string YourCapital => Self ? "Your" : "Their";

    /// <summary>"you" or "they".</summary>
    public string You => Self ? "you" : "they";

    /// <summary>"You" or "They", to start a sentence.</summary>
    public string YouCapital => Self ? "You" : "They";

    /// <summary>"you" or "them", as an object.</summary>
    public string YouObject => Self ? "you" : "them";

    /// <summary>"Sam Smith's"; a name ending in s takes the apostrophe alone ("James'"), as GOV.UK style does.</summary>
    public static string Possessive(string name) =>
        name.EndsWith('s') || name.EndsWith('S') ? name + "'" : name + "'s";
}
