using HistoryEngine.Definitions;

namespace HistoryEngine.Runtime;

/// <summary>
/// One questionnaire the patient sent, as the practice holds it: which questionnaire, when it was sent (UK wall-clock
/// time), and the highest level its own rules flagged (null: no flag). A care plan reads these (a diary flagged
/// urgent; when the yearly review was last sent) with <c>last_flagged</c> and <c>last_submitted</c>.
/// </summary>
public sealed record ContextSubmission(string Questionnaire, DateTime Sent, FlagLevel? Highest);
