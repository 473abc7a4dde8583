using System.Globalization;

namespace HistoryEngine.Runtime;

public sealed partial class Session
{
    /// <summary>
    /// Every item's effective value by slot (null when disabled, unanswered or in error): what an export of the
    /// answers (a FHIR QuestionnaireResponse) reads. The session knows nothing of FHIR; FHIR code reads this.
    /// </summary>
    internal object?[] EffectiveValues => _globals;

    /// <summary>
    /// An item's initial expression (SDC initialExpression in a FHIR file): worked out once, when the session starts (after the fixed initial values), over the
    /// response as it stands then and the session's clock. A result that is not a valid answer for the item (or
    /// none, such as a %patient the engine does not have) leaves the item empty. True if any answer was set.
    /// </summary>
    private bool ApplyInitialExpressions()
    {
        var set = false;
        foreach (var item in _q.Items)
        {
            if (item.InitialExpression is not { } expression || !item.IsRoot || _raw[item.Order] is not null) continue;
            object? value = expression.Eval(_context) switch
            {
                string[] codes => codes,
                decimal d => d.ToString(CultureInfo.InvariantCulture),
                bool b => b ? "true" : "false",
                DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                DateTime t => t.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
                string text => text,
                _ => null,
            };
            if (value is null || AnswerConverter.Convert(item, value) is not { Code: null, Value: { } answer }) continue;
            _raw[item.Order] = answer;
            set = true;
        }
        return set;
    }
}
