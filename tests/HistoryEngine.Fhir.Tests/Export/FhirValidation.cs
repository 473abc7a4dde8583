using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace HistoryEngine.Fhir.Tests.Export;

/// <summary>One offline validator for every test: the first validation unpacks the specification and takes seconds.</summary>
internal static class FhirValidation
{
    private static readonly Lazy<Validator> Shared = new(() =>
    {
        var resolver = new CachedResolver(new MultiResolver(ZipSource.CreateValidationSource()));
        return new Validator(resolver, new LocalTerminologyService(resolver), null, new ValidationSettings());
    });

    private static readonly object Gate = new();

    /// <summary>The error and fatal issues the validator finds in a resource given as JSON (empty when valid).</summary>
    public static IReadOnlyList<string> Errors(string json)
    {
        var resource = FhirJsonDeserializer.STRICT.Deserialize<Resource>(json);
        OperationOutcome outcome;
        lock (Gate) outcome = Shared.Value.Validate(resource, null);
        return [.. outcome.Issue
            .Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
            .Select(i => $"{i.Details?.Text} @ {string.Join(",", i.Expression)}")];
    }
}
