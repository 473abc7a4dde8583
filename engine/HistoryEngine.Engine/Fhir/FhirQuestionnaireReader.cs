using HistoryEngine.Definitions;
using HistoryEngine.Diagnostics;

namespace HistoryEngine.Fhir;

/// <summary>Reads FHIR R4 Questionnaire JSON into the definition model.</summary>
internal static class FhirQuestionnaireReader
{
    public static QuestionnaireDefinition? Read(string path, string text, DiagnosticBag diagnostics)
    {
        diagnostics.Report(new SourceSpan(path, 1, 1), Codes.UnsupportedFeature, "FHIR Questionnaire JSON (not yet)");
        return null;
    }
}
