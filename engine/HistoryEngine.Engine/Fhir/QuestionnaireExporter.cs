using System.Globalization;
using HistoryEngine.Definitions;
using HistoryEngine.Runtime;
using Hl7.Fhir.Model;
using Expression = Hl7.Fhir.Model.Expression;

namespace HistoryEngine.Fhir;

public static partial class FhirExport
{
    /// <summary>
    /// A compiled questionnaire as an R4 Questionnaire (JSON): items with their types, options, limits and codes in
    /// core and SDC elements; enable_when also as enableWhen where that says the same thing; every expression,
    /// value, check, rule, entry, page and the narrative in the engine's extensions, so that the file reads back
    /// (<c>historyengine check/run/test</c>) with the same behaviour. Included modules are groups whose items keep
    /// their questionnaire-wide ids (<c>phq9.q9</c>) as linkIds.
    /// </summary>
    public static string Questionnaire(CompiledQuestionnaire questionnaire) => Serialize(QuestionnaireExporter.Build(questionnaire));
}

/// <summary>Builds the Questionnaire for <see cref="FhirExport.Questionnaire"/>.</summary>
internal static class QuestionnaireExporter
{
    public static Questionnaire Build(CompiledQuestionnaire compiled)
    {
        var def = compiled.Definition;
        var id = FhirExport.ResourceId(def.Id);
        // A questionnaire read from FHIR keeps its own url and version, or has none, as it had.
        var fhir = FhirQuestionnaireInfo.Get(def);
        var q = new Questionnaire
        {
            Id = id,
            Url = fhir is null ? FhirElements.EngineBase + "Questionnaire/" + id : fhir.Url,
            Version = fhir is null ? def.Version : fhir.Version,
            Title = def.Title,
            Status = PublicationStatus.Active,
            SubjectType = [ResourceType.Patient],
        };
        if (!string.IsNullOrWhiteSpace(def.Intro)) q.Description = def.Intro;
        if (fhir is not null) SdcExport.AddQuestionnaire(q, def, fhir);
        AddDefinition(q, def, fhir);
        foreach (var item in compiled.Items.Where(i => i.Parent is null)) q.Item.Add(Item(item));
        return q;
    }

    /// <summary>What a file says beyond its items: on the Questionnaire, or on the group that includes a module.</summary>
    private static void AddDefinition(IExtendable target, QuestionnaireDefinition def, FhirQuestionnaireInfo? fhir = null)
    {
        var header = Complex(EngineExtensions.Definition,
            ("id", new FhirString(def.Id)),
            ("version", new FhirString(def.Version)),
            ("title", new FhirString(def.Title)),
            ("intro", def.Intro is null ? null : new Markdown(def.Intro)),
            ("module", def.IsModule ? new FhirBoolean(true) : null),
            ("narrative", def.Narrative is null ? null : new FhirString(def.Narrative.Text)));
        target.Extension.Add(header);
        foreach (var v in def.Values)
            target.Extension.Add(Complex(EngineExtensions.Value,
                ("name", new FhirString(v.Name)),
                ("expression", Expr(v.Expression)),
                ("description", v.Description is null ? null : new FhirString(v.Description))));
        foreach (var c in def.Checks)
            target.Extension.Add(Complex(EngineExtensions.Check,
                ("id", new FhirString(c.Id)),
                ("item", c.Item is null ? null : new FhirString(c.Item)),
                ("assert", Expr(c.Assert)),
                ("message", new FhirString(c.Message.Text))));
        foreach (var r in def.Rules)
            target.Extension.Add(Complex(EngineExtensions.Rule,
                ("id", new FhirString(r.Id)),
                ("when", Expr(r.When)),
                ("level", new Code(r.Level.ToString().ToLowerInvariant())),
                ("patient", r.Patient is null ? null : new Markdown(r.Patient.Text)),
                ("clinician", r.Clinician is null ? null : new FhirString(r.Clinician.Text)),
                ("source", r.Source is null ? null : new FhirString(r.Source))));
        // Entries made from observationExtract are written back as that extension, on their items.
        foreach (var e in def.Entries.Where(e => fhir is null || e.Id is null || !fhir.ExtractedEntries.Contains(e.Id)))
        {
            var entry = Complex(EngineExtensions.Entry,
                ("id", e.Id is null ? null : new FhirString(e.Id)),
                ("system", new FhirUri(e.System)),
                ("code", new FhirString(e.Code)),
                ("display", new FhirString(e.Display)),
                ("value", e.Value is null ? null : Expr(e.Value)),
                ("unit", e.Unit is null ? null : new FhirString(e.Unit)),
                ("when", e.When is null ? null : Expr(e.When)),
                ("taken", e.Taken is null ? null : Expr(e.Taken)),
                ("min", e.Min is { } min ? new FhirDecimal(min) : null),
                ("max", e.Max is { } max ? new FhirDecimal(max) : null),
                ("panel", e.Panel is { } panel ? new Coding(panel.System, panel.Code, panel.Display) : null));
            // The primary coding is system, code and display above; the others follow as codings.
            foreach (var c in e.Codings.Skip(1)) entry.Extension.Add(new Extension("coding", new Coding(c.System, c.Code, c.Display)));
            target.Extension.Add(entry);
        }
        foreach (var p in fhir?.PagesFromItemControl == true ? [] : def.Pages)
        {
            var page = Complex(EngineExtensions.Page, ("id", new FhirString(p.Id)), ("title", p.Title is null ? null : new FhirString(p.Title)),
                ("section", p.Section is null ? null : new FhirString(p.Section)));
            foreach (var item in p.Items) page.Extension.Add(new Extension("item", new FhirString(item)));
            target.Extension.Add(page);
        }
    }

    private static Extension Complex(string url, params (string Name, DataType? Value)[] parts)
    {
        var extension = new Extension { Url = url };
        // FHIR has no empty strings: an empty text is left out, which the engine reads the same (no words).
        foreach (var (name, value) in parts)
            if (value is not null && value is not PrimitiveType { JsonValue: "" }) extension.Extension.Add(new Extension(name, value));
        return extension;
    }

    /// <summary>An expression as written: the engine's language, or FHIRPath for one read from a FHIR questionnaire.</summary>
    private static Expression Expr(ExpressionSource source) => new()
    {
        Language = source.Language ?? FhirElements.EngineLanguage,
        Expression_ = source.Text,
    };

    private static Questionnaire.ItemComponent Item(ItemSymbol symbol)
    {
        var d = symbol.Definition;
        var item = new Questionnaire.ItemComponent { LinkId = symbol.Id, Type = TypeOf(d) };
        SetText(item, d.Text);
        foreach (var c in d.Codes) item.Code.Add(new Coding(c.System, c.Code, c.Display));
        if (d.Required) item.Required = true;
        if (d.Repeats || d.Type == ItemType.MultipleChoice) item.Repeats = true;
        if (d.ReadOnly) item.ReadOnly = true;
        if (d.Hidden) item.Extension.Add(new Extension(FhirElements.Hidden, new FhirBoolean(true)));
        if (d.MaxLength is { } maxLength) item.MaxLength = maxLength;
        if (d.Hint is { } hint) item.Extension.Add(new Extension(EngineExtensions.Hint, new Markdown(hint)));
        if (d.Min is { } min) item.Extension.Add(new Extension(FhirElements.MinValue, Number(d, min)));
        if (d.Max is { } max) item.Extension.Add(new Extension(FhirElements.MaxValue, Number(d, max)));
        if (d.DecimalPlaces is { } places) item.Extension.Add(new Extension(FhirElements.MaxDecimalPlaces, new Integer(places)));
        var fhir = FhirItemInfo.Get(d);
        // R4 allows questionnaire-unit on numbers only: a quantity offers its unit as its one unitOption.
        if (d.Unit is { } unit)
            item.Extension.Add(new Extension(fhir?.FhirType == "quantity" ? FhirElements.UnitOption : FhirElements.Unit,
                fhir?.Unit is { } u ? new Coding(u.System, u.Code, u.Display) : new Coding { Display = unit }));
        if (d.Repeats && d.MinCount is { } minCount)
            item.Extension.Add(new Extension(d.Required || minCount == 0 ? FhirElements.MinOccurs : EngineExtensions.MinCount, new Integer(minCount)));
        if (d.MissingMessage is { } missing) item.Extension.Add(new Extension(EngineExtensions.MissingMessage, new FhirString(missing)));
        if (d.Repeats && d.EntryName is { } entryName) item.Extension.Add(new Extension(EngineExtensions.EntryName, new FhirString(entryName)));
        if (d.Repeats && d.MaxCount is { } maxCount) item.Extension.Add(new Extension(FhirElements.MaxOccurs, new Integer(maxCount)));
        var initial = d.Initial switch { string[] list => list, string s => [s], _ => [] };
        if (fhir?.AnswerValueSet is { } valueSet) item.AnswerValueSet = valueSet;
        else
            foreach (var o in d.Options)
            {
                var option = new Questionnaire.AnswerOptionComponent { Value = SdcExport.OptionValue(o, fhir) };
                if (o.Score is { } score) SdcExport.AddScore(option, o.Code, score, fhir);
                if (o.Exclusive) option.Extension.Add(new Extension(EngineExtensions.OptionExclusive, new FhirBoolean(true)));
                if (d.Type is ItemType.Choice or ItemType.MultipleChoice && initial.Contains(o.Code)) option.InitialSelected = true;
                item.AnswerOption.Add(option);
            }
        if (d.Type is not (ItemType.Choice or ItemType.MultipleChoice) && d.Initial is string value && InitialValue(d, value, fhir?.FhirType) is { } initialValue)
            item.Initial.Add(new Questionnaire.InitialComponent { Value = initialValue });
        if (fhir is not null) SdcExport.AddItem(item, d, fhir);

        if (d.EnableWhen is { } enableWhen)
        {
            if (enableWhen.Language is null)
            {
                item.Extension.Add(new Extension(EngineExtensions.EnableWhen, Expr(enableWhen)));
                if (EnableWhenTranslator.Translate(symbol, enableWhen) is { } translated)
                {
                    item.EnableWhen.AddRange(translated.Conditions);
                    if (translated.Conditions.Count > 1) item.EnableBehavior = translated.All ? Questionnaire.EnableWhenBehavior.All : Questionnaire.EnableWhenBehavior.Any;
                }
            }
            else item.Extension.Add(new Extension(FhirElements.EnableWhenExpression, Expr(enableWhen)));
        }
        if (d.Calculated is { } calculated)
            item.Extension.Add(new Extension(calculated.Language is null ? EngineExtensions.Calculated : FhirElements.CalculatedExpression, Expr(calculated)));

        if (d.InitialExpression is { } initialExpression)
            item.Extension.Add(new Extension(FhirElements.InitialExpression, Expr(initialExpression)));
        if (d.Module is { } module) AddDefinition(item, module);
        foreach (var child in symbol.Children) item.Item.Add(Item(child));
        return item;
    }

    private static Questionnaire.QuestionnaireItemType TypeOf(ItemDefinition d) => FhirItemInfo.Get(d)?.FhirType switch
    {
        "choice" => Questionnaire.QuestionnaireItemType.Choice,
        "attachment" => Questionnaire.QuestionnaireItemType.Attachment,
        "reference" => Questionnaire.QuestionnaireItemType.Reference,
        "quantity" => Questionnaire.QuestionnaireItemType.Quantity,
        "time" => Questionnaire.QuestionnaireItemType.Time,
        "url" => Questionnaire.QuestionnaireItemType.Url,
        "open-choice" => Questionnaire.QuestionnaireItemType.OpenChoice,
        _ => d.Type switch
        {
            ItemType.Group => Questionnaire.QuestionnaireItemType.Group,
            ItemType.Display => Questionnaire.QuestionnaireItemType.Display,
            ItemType.Boolean => Questionnaire.QuestionnaireItemType.Boolean,
            ItemType.Choice or ItemType.MultipleChoice => Questionnaire.QuestionnaireItemType.Choice,
            ItemType.Integer => Questionnaire.QuestionnaireItemType.Integer,
            ItemType.Decimal => Questionnaire.QuestionnaireItemType.Decimal,
            ItemType.Text => Questionnaire.QuestionnaireItemType.String,
            ItemType.LongText => Questionnaire.QuestionnaireItemType.Text,
            ItemType.Date => Questionnaire.QuestionnaireItemType.Date,
            _ => Questionnaire.QuestionnaireItemType.DateTime,
        },
    };

    /// <summary>Item text in plain words for any FHIR tool, with the Markdown kept in rendering-markdown when it differs.</summary>
    private static void SetText(Questionnaire.ItemComponent item, string? text)
    {
        if (text is null) return;
        var plain = Rendering.Markdown.ToPlainText(text);
        item.TextElement = new FhirString(plain.Length == 0 ? text : plain);
        if (item.Text != text) item.TextElement.Extension.Add(new Extension(EngineExtensions.RenderingMarkdown, new Markdown(text)));
    }

    private static DataType Number(ItemDefinition d, decimal n) =>
        d.Type == ItemType.Integer && n == decimal.Truncate(n) && n is >= int.MinValue and <= int.MaxValue ? new Integer((int)n) : new FhirDecimal(n);

    private static DataType? InitialValue(ItemDefinition d, string value, string? fhirType)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (fhirType)
        {
            case "time": return new Time(value);
            case "url": return new FhirUri(value);
            case "quantity" when decimal.TryParse(value, NumberStyles.Number, inv, out var q):
                return new Quantity { Value = q, Unit = d.Unit, System = d.Unit is null ? null : "http://unitsofmeasure.org", Code = d.Unit };
        }
        switch (d.Type)
        {
            case ItemType.Boolean: return bool.TryParse(value, out var b) ? new FhirBoolean(b) : null;
            case ItemType.Integer: return int.TryParse(value, NumberStyles.AllowLeadingSign, inv, out var i) ? new Integer(i) : null;
            case ItemType.Decimal: return decimal.TryParse(value, NumberStyles.Number, inv, out var m) ? new FhirDecimal(m) : null;
            case ItemType.Date: return new Date(value);
            case ItemType.DateTime:
                // The engine's date-times are the patient's wall clock; FHIR needs an offset, so the time is given as UTC.
                return DateTime.TryParse(value, inv, DateTimeStyles.None, out var t)
                    ? new FhirDateTime(new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Unspecified), TimeSpan.Zero)) : null;
            default: return new FhirString(value);
        }
    }
}
