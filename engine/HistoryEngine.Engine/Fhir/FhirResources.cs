using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using HistoryEngine.Definitions;

namespace HistoryEngine.Fhir;

/// <summary>Firely POCOs for the FHIR text a definition was read from (for <c>%questionnaire</c> in FHIRPath).</summary>
internal static class FhirResources
{
    private static readonly ConditionalWeakTable<QuestionnaireDefinition, Questionnaire> Questionnaires = new();

    /// <summary>The Questionnaire a FHIR definition came from, read leniently (the reader has reported its problems).</summary>
    public static Questionnaire QuestionnaireOf(QuestionnaireDefinition definition) =>
        Questionnaires.GetValue(definition, d => Parse<Questionnaire>(d.SourceFiles.FirstOrDefault()?.Text ?? "") ?? new Questionnaire());

    /// <summary>Reads a resource, keeping whatever could be read when the JSON breaks a rule; null if it is not a <typeparamref name="T"/>.</summary>
    public static T? Parse<T>(string json) where T : Resource
    {
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
            FhirJsonDeserializer.OSTRICH.TryDeserializeResource(ref reader, out var resource, out _);
            return resource as T;
        }
        catch (Exception e) when (e is JsonException or DeserializationFailedException or InvalidOperationException or FormatException)
        {
            return (e as DeserializationFailedException)?.PartialResult as T;
        }
    }
}
