using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using Hl7.Fhir.FhirPath;
using Hl7.FhirPath;
using HistoryEngine.Runtime;

namespace HistoryEngine.Fhir;

/// <summary>
/// An SDC variable written as an x-fhir-query, answered from the session's own context: the patient
/// (<c>Patient?_id={{%patient.id}}</c> or <c>Patient/{{%patient.id}}</c>) and the patient's record values
/// (<c>Observation?code=http://loinc.org|8480-6&amp;patient={{%patient.id}}&amp;_sort=-date&amp;_count=1</c>, with
/// <c>date</c> and its prefixes). A query for anything else, or for another patient, is refused when the file loads
/// (HE4050, with the reason) and gives nothing: the engine never asks a server, and never answers with another
/// patient's data. Each <c>{{expression}}</c> is FHIRPath, worked out with the variables before it.
/// </summary>
internal sealed partial class FhirQuery
{
    public const string Language = "application/x-fhir-query";

    private static readonly HashSet<string> ObservationParameters = ["code", "patient", "subject", "date", "_sort", "_count"];

    private readonly string _template;
    private readonly ImmutableArray<(string Text, CompiledExpression Compiled)> _embedded;

    private FhirQuery(string template, ImmutableArray<(string, CompiledExpression)> embedded)
    {
        _template = template;
        _embedded = embedded;
    }

    /// <summary>True for a search of the patient's Observations (it needs their record), false for a read of the patient.</summary>
    public bool SearchesObservations => _template.TrimStart().StartsWith("Observation", StringComparison.Ordinal);

    /// <summary>The query, or null with <paramref name="problem"/> saying why the engine will not answer it.</summary>
    public static FhirQuery? TryParse(string template, out string? problem)
    {
        problem = null;
        var embedded = ImmutableArray.CreateBuilder<(string, CompiledExpression)>();
        foreach (Match m in Embedded().Matches(template))
        {
            var text = m.Groups[1].Value.Trim();
            try { embedded.Add((text, FhirPath.Compiler.Compile(FhirPath.Normalise(text)))); }
            catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException or NotSupportedException)
            {
                problem = $"'{{{{{text}}}}}' is not FHIRPath the engine can work out ({e.Message.Split(';')[0]})";
                return null;
            }
        }
        // Each {{...}} stands for its value: the patient's own id where it is %patient.id, something else otherwise.
        const string own = "{{patient}}";
        var (type, id, parameters) = Split(Embedded().Replace(template, m => m.Groups[1].Value.Trim() == "%patient.id" ? own : "{{}}"));
        bool IsOwnPatient(string value) => value is own or "Patient/" + own;
        switch (type)
        {
            case "Patient" when id is own && parameters.Count == 0:
            case "Patient" when id is null && parameters.Count == 1 && parameters[0] is ("_id", own):
                return new FhirQuery(template, embedded.ToImmutable());
            case "Observation" when id is null:
                if (parameters.FirstOrDefault(p => !ObservationParameters.Contains(p.Name)) is { Name: { } unknown })
                {
                    problem = $"the engine answers an Observation search by code, patient, date, _sort and _count; not by '{unknown}'";
                    return null;
                }
                var subjects = parameters.Where(p => p.Name is "patient" or "subject").ToList();
                if (subjects.Count > 0 && subjects.All(p => IsOwnPatient(p.Value)))
                    return new FhirQuery(template, embedded.ToImmutable());
                problem = "an x-fhir-query is answered only for the patient being asked about: write patient={{%patient.id}}";
                return null;
            case "Patient":
                problem = "an x-fhir-query is answered only for the patient being asked about: write Patient/{{%patient.id}} or Patient?_id={{%patient.id}}";
                return null;
            default:
                problem = "the engine answers only a read of the patient (Patient/{{%patient.id}}) and a search of the patient's own " +
                          "Observations (Observation?code=...&patient={{%patient.id}}), from what the practice gives the session";
                return null;
        }
    }

    private static (string Type, string? Id, List<(string Name, string Value)> Parameters) Split(string query)
    {
        var question = query.IndexOf('?');
        var path = question < 0 ? query : query[..question];
        var slash = path.IndexOf('/');
        var type = (slash < 0 ? path : path[..slash]).Trim();
        var id = slash < 0 ? null : path[(slash + 1)..];
        var parameters = new List<(string, string)>();
        if (question >= 0)
            foreach (var pair in query[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=');
                parameters.Add(eq < 0 ? (Uri.UnescapeDataString(pair), "") : (Uri.UnescapeDataString(pair[..eq]), Uri.UnescapeDataString(pair[(eq + 1)..])));
            }
        return (type, id, parameters);
    }

    /// <summary>Works out the query with the expression's environment and answers it from <paramref name="context"/>:
    /// a Patient for a read, a searchset Bundle for a search; null when the context cannot answer it.</summary>
    public Resource? Answer(PocoNode focus, FhirEvaluationContext evaluation, PatientContext context)
    {
        if (context.Id is null) return null;
        var index = 0;
        string? failed = null;
        var filled = Embedded().Replace(_template, _ =>
        {
            var (text, compiled) = _embedded[index++];
            var value = compiled([focus], evaluation).FirstOrDefault()?.Poco;
            var written = value switch
            {
                PrimitiveType p => p.ToString(),
                _ => null,
            };
            if (written is null) failed = text;
            return written ?? "";
        });
        if (failed is not null) return null;
        var (type, id, parameters) = Split(filled);
        var patient = FhirLaunch.PatientOf(context);
        if (type == "Patient")
        {
            if (id is not null) return id == context.Id ? patient : null;
            return Bundle(parameters[0].Value == context.Id ? [patient] : [], total: null);
        }
        if (!parameters.Where(p => p.Name is "patient" or "subject").All(p => p.Value == context.Id || p.Value == "Patient/" + context.Id))
            return null;
        IEnumerable<ContextObservation> found = context.Observations;
        foreach (var (name, value) in parameters.Where(p => p.Name is "code" or "date"))
        {
            if (ObservationSearch.Test(name, value) is not { } keep) return null;
            found = found.Where(keep);
        }
        var sort = parameters.LastOrDefault(p => p.Name == "_sort").Value;
        found = sort switch
        {
            "-date" => found.OrderByDescending(o => o.Effective),
            "date" => found.OrderBy(o => o.Effective),
            _ => found,
        };
        var all = found.ToList();
        var count = parameters.LastOrDefault(p => p.Name == "_count").Value;
        var shown = int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? all.Take(n) : all;
        return Bundle(shown.Select(o => (Resource)FhirLaunch.ObservationOf(o, context)), all.Count);
    }

    private static Bundle Bundle(IEnumerable<Resource> resources, int? total)
    {
        var bundle = new Bundle { Type = Hl7.Fhir.Model.Bundle.BundleType.Searchset };
        foreach (var resource in resources)
            bundle.Entry.Add(new Bundle.EntryComponent { Resource = resource, Search = new Bundle.SearchComponent { Mode = Hl7.Fhir.Model.Bundle.SearchEntryMode.Match } });
        bundle.Total = total ?? bundle.Entry.Count;
        return bundle;
    }

    [GeneratedRegex(@"\{\{(.*?)\}\}")]
    private static partial Regex Embedded();
}
