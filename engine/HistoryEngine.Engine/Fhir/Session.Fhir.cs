namespace HistoryEngine.Runtime;

public sealed partial class Session
{
    /// <summary>
    /// Every item's effective value by slot (null when disabled, unanswered or in error): what FHIR export puts in a
    /// QuestionnaireResponse. Kept beside the FHIR code; the rest of the session does not need it.
    /// </summary>
    internal object?[] EffectiveValues => _globals;
}
