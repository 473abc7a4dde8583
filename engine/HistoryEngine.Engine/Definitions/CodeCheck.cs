using HistoryEngine.Diagnostics;

namespace HistoryEngine.Definitions;

/// <summary>
/// Checks every code a file writes in a known system (an entry's codings, an option with a system, an item's own
/// codes): a SNOMED CT id by its Verhoeff check digit and partition, a LOINC code by its check digit. A system
/// written another way (https, a trailing slash, "SNOMED") is reported and its code still checked. Items of an
/// included module are not walked: the module's own load checks them, in its own file.
/// </summary>
internal static class CodeCheck
{
    public static void Check(QuestionnaireDefinition definition, DiagnosticBag diagnostics)
    {
        foreach (var item in definition.Items) CheckItem(item, diagnostics);
        foreach (var entry in definition.Entries)
        {
            foreach (var coding in entry.Codings)
                CheckCode(coding.System, coding.Code, coding.Span, "an entry's code", diagnostics);
            if (entry.Panel is { } panel) CheckCode(panel.System, panel.Code, panel.Span, "an entry's panel code", diagnostics);
        }
    }

    private static void CheckItem(ItemDefinition item, DiagnosticBag diagnostics)
    {
        if (item.Module is not null) return;
        foreach (var option in item.Options)
            if (option.System is not null) CheckCode(option.System, option.Code, option.CodeSpan, "an option's code", diagnostics);
        foreach (var code in item.Codes)
            if (code.System is not null) CheckCode(code.System, code.Code, code.CodeSpan, "an item's code", diagnostics);
        foreach (var child in item.Items) CheckItem(child, diagnostics);
    }

    private static void CheckCode(string system, string code, SourceSpan at, string what, DiagnosticBag diagnostics)
    {
        if (code.Length == 0) return; // a missing code is reported where it is read
        var known = KnownSystem(system);
        if (known is null) return;
        if (known != system) diagnostics.Report(at, Codes.SystemMisspelt, system, known == CodeSystems.Snomed ? "SNOMED CT" : "LOINC", known);
        if (known == CodeSystems.Snomed) CheckSnomed(code, at, what, diagnostics);
        else CheckLoinc(code, at, diagnostics);
    }

    private static void CheckSnomed(string id, SourceSpan at, string what, DiagnosticBag diagnostics)
    {
        if (!CodeSystems.IsSnomedShape(id))
        {
            var hint = CodeSystems.IsLoincNumber(id) || CodeSystems.IsLoincOtherCode(id) ? " (it looks like a LOINC code: is the system http://loinc.org?)" : "";
            diagnostics.Report(at, Codes.SnomedMalformed, id, hint);
        }
        else if (!CodeSystems.HasValidVerhoeff(id))
            diagnostics.Report(at, Codes.SnomedCheckDigit, id);
        else if (CodeSystems.PartitionOf(id, out var partition) is var kind && kind != CodeSystems.SnomedPartition.Concept)
        {
            var name = kind switch
            {
                CodeSystems.SnomedPartition.Description => "a description id",
                CodeSystems.SnomedPartition.Relationship => "a relationship id",
                _ => "not a component id",
            };
            diagnostics.Report(at, Codes.SnomedNotConcept, id, name, partition, what);
        }
    }

    private static void CheckLoinc(string code, SourceSpan at, DiagnosticBag diagnostics)
    {
        // Answer and part codes (LA..., LP...) are checked for their shape only: the Users' Guide's mod 10 is for
        // LOINC numbers, and their check digits are not computed the same way.
        if (CodeSystems.IsLoincOtherCode(code)) return;
        if (!CodeSystems.IsLoincNumber(code))
        {
            var hint = CodeSystems.IsSnomedShape(code) ? " (it looks like a SNOMED CT id: is the system http://snomed.info/sct?)" : "";
            diagnostics.Report(at, Codes.LoincMalformed, code, hint);
        }
        else if (!CodeSystems.HasValidLoincCheckDigit(code))
            diagnostics.Report(at, Codes.LoincCheckDigit, code);
    }

    /// <summary>The canonical URI of the system an author meant, or null for a system the engine does not check.</summary>
    private static string? KnownSystem(string system)
    {
        var s = system.Trim().ToLowerInvariant();
        foreach (var scheme in new[] { "https://", "http://" })
            if (s.StartsWith(scheme, StringComparison.Ordinal)) s = s[scheme.Length..];
        if (s.StartsWith("www.", StringComparison.Ordinal)) s = s[4..];
        s = s.TrimEnd('/');
        return s switch
        {
            "snomed.info/sct" or "snomed" or "snomedct" or "snomed-ct" or "snomed ct" or "sct" or "urn:oid:2.16.840.1.113883.6.96" => CodeSystems.Snomed,
            "loinc.org" or "loinc" or "urn:oid:2.16.840.1.113883.6.1" => CodeSystems.Loinc,
            _ => null,
        };
    }
}
