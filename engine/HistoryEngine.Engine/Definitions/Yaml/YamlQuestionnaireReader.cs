using System.Collections.Immutable;
using System.Text.RegularExpressions;
using HistoryEngine.Diagnostics;

namespace HistoryEngine.Definitions.Yaml;

/// <summary>
/// Turns the YAML node tree of one native questionnaire file into a <see cref="QuestionnaireDefinition"/>,
/// reporting every structural problem it finds. Modules are loaded through the callback it is given.
/// </summary>
internal sealed partial class YamlQuestionnaireReader(
    string path, DiagnosticBag diagnostics, Func<string, SourceSpan, QuestionnaireDefinition?> loadModule,
    Func<string, SourceSpan, string?> readSideFile)
{
    private static readonly string[] TopKeys =
        ["id", "version", "title", "intro", "module", "items", "values", "checks", "rules", "entries", "pages", "narrative", "narrative_file", "reason", "description", "who_answers", "assigned_only"];
    private static readonly string[] ItemKeys =
        ["id", "type", "text", "hint", "required", "missing_message", "repeats", "entry_name", "min_count", "max_count", "options", "min", "max", "unit",
         "decimal_places", "max_length", "read_only", "enable_when", "calculated", "initial", "initial_from", "items", "include", "codes",
         "review_only", "symptom_now", "carer_text"];
    private static readonly string[] WhoAnswersKeys = ["item", "someone_else", "name"];
    private static readonly string[] OptionKeys = ["code", "display", "system", "score", "exclusive", "symptom_now"];
    private static readonly string[] CodeKeys = ["code", "display", "system", "score", "exclusive"];
    private static readonly string[] ValueKeys = ["name", "expr", "description", "clinician_label"];
    private static readonly string[] CheckKeys = ["id", "item", "assert", "message"];
    private static readonly string[] RuleKeys = ["id", "when", "level", "patient", "clinician", "source"];
    private static readonly string[] PageKeys = ["id", "title", "section", "items"];

    internal static readonly IReadOnlyDictionary<string, ItemType> TypeNames = new Dictionary<string, ItemType>
    {
        ["group"] = ItemType.Group, ["display"] = ItemType.Display, ["boolean"] = ItemType.Boolean,
        ["choice"] = ItemType.Choice, ["multiple_choice"] = ItemType.MultipleChoice, ["integer"] = ItemType.Integer,
        ["decimal"] = ItemType.Decimal, ["text"] = ItemType.Text, ["long_text"] = ItemType.LongText,
        ["date"] = ItemType.Date, ["datetime"] = ItemType.DateTime,
    };

    private readonly Dictionary<string, SourceSpan> _ids = new(StringComparer.Ordinal);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$")]
    internal static partial Regex Identifier();

    [GeneratedRegex(@"^\d+(\.\d+){0,3}([-+][0-9A-Za-z.-]+)?$")]
    private static partial Regex VersionPattern();

    public QuestionnaireDefinition Read(YNode root)
    {
        var f = new CheckedMapping(root, "the questionnaire", TopKeys, diagnostics);
        var id = f.RequiredString("id");
        var version = f.RequiredString("version");
        if (version.Length > 0 && !VersionPattern().IsMatch(version))
            diagnostics.Report(f.KeySpan("version"), Codes.InvalidVersion, version);
        var items = ReadItems(f.List("items"), insideRepeat: null);
        var narrative = f.Template("narrative");
        var narrativeFile = f.Scalar("narrative_file");
        if (narrative is not null && narrativeFile is not null) diagnostics.Report(narrativeFile.Span, Codes.NarrativeTwice);
        else if (narrativeFile is not null)
        {
            var text = readSideFile(narrativeFile.Value, narrativeFile.Span);
            if (text is null) diagnostics.Report(narrativeFile.Span, Codes.NarrativeFileNotFound, narrativeFile.Value);
            else narrative = new TemplateSource(text, new SourceSpan(ResolveSide(narrativeFile.Value), 1, 1));
        }
        var reason = f.Scalar("reason");
        if (reason is not null && !items.Any(i => i.Id == reason.Value && i.IsQuestion))
            diagnostics.Report(reason.Span, Codes.ReasonNotAQuestion, reason.Value);
        var definition = new QuestionnaireDefinition
        {
            Reason = reason?.Value,
            WhoAnswers = ReadWhoAnswers(f, items),
            Description = f.String("description"),
            Id = id, Version = version, Title = f.String("title") ?? id, Intro = f.String("intro"),
            IsModule = f.Bool("module"), IsAssignedOnly = f.Bool("assigned_only"), IsNative = true, Path = path, Span = f.Span,
            Items = items,
            Values = [.. f.List("values").Select(ReadValue).OfType<ValueDefinition>()],
            Checks = [.. f.List("checks").Select(ReadCheck).OfType<CheckDefinition>()],
            Rules = [.. f.List("rules").Select(ReadRule).OfType<RuleDefinition>()],
            Entries = [.. f.List("entries").Select(ReadEntry).OfType<EntryDefinition>()],
            Narrative = narrative,
        };
        return definition with { Pages = ReadPages(f.List("pages"), items) };
    }

    /// <summary><c>who_answers: {item, someone_else, name}</c>: checked against the file's own top-level questions.</summary>
    private WhoAnswersDefinition? ReadWhoAnswers(CheckedMapping top, ImmutableArray<ItemDefinition> items)
    {
        if (top.Node("who_answers") is not { } node) return null;
        var f = new CheckedMapping(node, "who_answers", WhoAnswersKeys, diagnostics);
        if (!f.IsMapping) return null;
        var itemId = f.RequiredString("item");
        var someoneElse = f.RequiredString("someone_else");
        var name = f.Scalar("name");
        var ok = itemId.Length > 0 && someoneElse.Length > 0;
        var question = items.FirstOrDefault(i => i.Id == itemId);
        if (itemId.Length > 0 && question is not { Type: ItemType.Choice, IsAnswerable: true })
        {
            diagnostics.Report(f.ValueSpan("item"), Codes.WhoAnswersNotAChoice, itemId);
            ok = false;
        }
        else if (question is not null && someoneElse.Length > 0 && question.Options.All(o => o.Code != someoneElse))
        {
            diagnostics.Report(f.ValueSpan("someone_else"), Codes.WhoAnswersUnknownOption, someoneElse, itemId,
                string.Join(", ", question.Options.Select(o => o.Code)));
            ok = false;
        }
        if (name is not null && !items.Any(i => i.Id == name.Value && i.Type is ItemType.Text && i.IsAnswerable))
        {
            diagnostics.Report(name.Span, Codes.WhoAnswersNameNotText, name.Value);
            ok = false;
        }
        return ok ? new WhoAnswersDefinition(itemId, someoneElse, name?.Value, f.Span) : null;
    }

    private string ResolveSide(string relative) =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path) ?? "", relative);

    private ImmutableArray<ItemDefinition> ReadItems(IReadOnlyList<YNode> nodes, string? insideRepeat) =>
        [.. nodes.Select(n => ReadItem(n, insideRepeat)).OfType<ItemDefinition>()];

    private ItemDefinition? ReadItem(YNode node, string? insideRepeat)
    {
        var f = new CheckedMapping(node, "an item", ItemKeys, diagnostics);
        if (!f.IsMapping) return null;
        var id = f.RequiredString("id");
        CheckIdentifier(id, f.KeySpan("id"), "item id");
        var include = f.Scalar("include");
        var givenType = f.Enum("type", TypeNames);
        var type = givenType ?? (include is not null ? ItemType.Group : ItemType.Display);
        if (!f.Has("type") && include is null) diagnostics.Report(f.Span, Codes.MissingKey, $"the item '{id}'", "type");

        var item = new ItemDefinition(id, type, f.KeySpan("id"))
        {
            Broken = givenType is null && f.Has("type"),
            Text = f.String("text"), CarerText = f.String("carer_text"), Hint = f.String("hint"), Required = f.Bool("required"), MissingMessage = f.String("missing_message"),
            Repeats = f.Bool("repeats"), EntryName = f.String("entry_name"), MinCount = f.Int("min_count"), MaxCount = f.Int("max_count", 1),
            Min = f.Number("min"), Max = f.Number("max"), Unit = f.String("unit"),
            DecimalPlaces = f.Int("decimal_places"), MaxLength = f.Int("max_length", 1), ReadOnly = f.Bool("read_only"),
            EnableWhen = f.Expression("enable_when"),
            Calculated = f.Expression("calculated"),
            Initial = ReadInitial(f.Node("initial")),
            InitialExpression = f.Expression("initial_from"),
            Options = ReadOptions(f.List("options"), id, insideRepeat),
            Codes = ReadOptions(f.List("codes"), id, insideRepeat, CodeKeys),
            ReviewOnly = ReadReviewOnly(f, id), ReviewOnlySpan = f.KeySpan("review_only"),
            SymptomNowSpan = f.KeySpan("symptom_now"),
        };
        if (f.Scalar("symptom_now") is { } symptomNow)
        {
            if (insideRepeat is not null) diagnostics.Report(symptomNow.Span, Codes.SymptomNowInRepeat, insideRepeat);
            else item = item with { SymptomNow = ReadSymptomAnswer(symptomNow) };
        }
        if (!item.Id.Contains('.') && _ids.TryGetValue(id, out var first) && id.Length > 0)
            diagnostics.Report(item.Span, Codes.DuplicateId, id, first.Line);
        else if (id.Length > 0) _ids[id] = item.Span;

        if (include is not null)
        {
            if (insideRepeat is not null) diagnostics.Report(include.Span, Codes.IncludeInRepeat, insideRepeat);
            if (f.Has("items")) diagnostics.Report(f.KeySpan("items"), Codes.PropertyNotForType, "items", "included", id);
            var module = loadModule(include.Value, include.Span);
            return item with { Type = ItemType.Group, Module = module, Items = module?.Items ?? [], Broken = module is null };
        }
        var children = ReadItems(f.List("items"), item.Repeats ? id : insideRepeat);
        item = item with { Items = children };
        CheckShape(item, f);
        return item;
    }

    private void CheckShape(ItemDefinition item, CheckedMapping f)
    {
        var typeName = TypeNames.First(p => p.Value == item.Type).Key;
        void NotFor(string key) { if (f.Has(key)) diagnostics.Report(f.KeySpan(key), Codes.PropertyNotForType, key, typeName, item.Id); }

        var isChoice = item.Type is ItemType.Choice or ItemType.MultipleChoice;
        var isNumber = item.Type is ItemType.Integer or ItemType.Decimal;
        var isText = item.Type is ItemType.Text or ItemType.LongText;
        if (!isChoice && f.Has("options")) diagnostics.Report(f.KeySpan("options"), Codes.OptionsNotAllowed, item.Id, typeName);
        if (isChoice && item.Options.IsEmpty) diagnostics.Report(item.Span, Codes.OptionsMissing, item.Id);
        if (item.Type == ItemType.Choice)
            foreach (var o in item.Options.Where(o => o.Exclusive)) diagnostics.Report(o.Span, Codes.ExclusiveOnSingle, o.Code);
        if (!isNumber) { NotFor("min"); NotFor("max"); NotFor("unit"); }
        if (item.Type != ItemType.Decimal) NotFor("decimal_places");
        if (!isText) NotFor("max_length");
        if (item.Type != ItemType.Group) { NotFor("repeats"); NotFor("items"); }
        if (!item.Repeats) { NotFor("entry_name"); NotFor("min_count"); NotFor("max_count"); }
        // A repeating group may be required (with none given it is "missing"); other groups and display items cannot.
        if (!item.IsQuestion && !item.Repeats) { NotFor("required"); NotFor("missing_message"); }
        if (!item.IsQuestion) { NotFor("read_only"); NotFor("calculated"); NotFor("initial"); NotFor("initial_from"); NotFor("review_only"); }
        if (item.SymptomNow is not null && item.Type != ItemType.Boolean)
            diagnostics.Report(item.SymptomNowSpan, Codes.SymptomNowNotForType, item.Type is ItemType.Choice or ItemType.MultipleChoice
                ? $"goes on the options of the choice '{item.Id}' that are symptoms, not on the item: {{code: ..., symptom_now: true}}"
                : $"goes on a yes/no question (symptom_now: yes, or no when the answer no is the symptom) or on the options of a choice, not on the {typeName} item '{item.Id}'");
        if (item.Calculated is not null) { NotFor("initial"); NotFor("initial_from"); NotFor("required"); }
        if (item.Type == ItemType.Group) NotFor("carer_text");
        else if (item.CarerText is not null && item.Text is null) diagnostics.Report(f.KeySpan("carer_text"), Codes.CarerTextWithoutText, item.Id);
        if (item.Type == ItemType.Group && item.Items.IsEmpty && !f.Has("include")) diagnostics.Report(item.Span, Codes.GroupEmpty, item.Id);
        if (item.Min > item.Max) diagnostics.Report(f.KeySpan("min"), Codes.MinAboveMax, item.Id, item.Min, item.Max);
        if (item.MinCount > item.MaxCount) diagnostics.Report(f.KeySpan("min_count"), Codes.MinAboveMax, item.Id, item.MinCount, item.MaxCount);
    }

    private object? ReadInitial(YNode? node) => node switch
    {
        null => null,
        YScalar s => s.Value,
        YSequence seq => seq.Items.OfType<YScalar>().Select(x => x.Value).ToArray(),
        _ => Report(node),
    };

    private object? Report(YNode node)
    {
        diagnostics.Report(node.Span, Codes.WrongNodeKind, "initial", "a single value or a list of codes", node.KindName);
        return null;
    }

    /// <summary><c>review_only: "reason"</c>: the reason is required, so every silenced answer says why.</summary>
    private string? ReadReviewOnly(CheckedMapping f, string itemId)
    {
        if (!f.Has("review_only")) return null;
        var reason = f.String("review_only");
        if (!string.IsNullOrWhiteSpace(reason) && !(f.Scalar("review_only") is { Plain: true, Value: "true" or "yes" }))
            return reason.Trim();
        diagnostics.Report(f.KeySpan("review_only"), Codes.ReviewOnlyWithoutReason, itemId);
        return null;
    }

    /// <summary><c>symptom_now: yes</c> (or <c>no</c>, when answering no is the symptom): the answer that must raise a flag on its own.</summary>
    private bool? ReadSymptomAnswer(YScalar value)
    {
        switch (value.Value)
        {
            case "yes" or "true" when value.Plain: return true;
            case "no" or "false" when value.Plain: return false;
            default:
                diagnostics.Report(value.Span, Codes.InvalidValue, value.Value, "symptom_now", "yes or no: the answer that is the symptom");
                return null;
        }
    }

    private ImmutableArray<OptionDefinition> ReadOptions(IReadOnlyList<YNode> nodes, string itemId, string? insideRepeat, string[]? keys = null)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var options = ImmutableArray.CreateBuilder<OptionDefinition>();
        foreach (var node in nodes)
        {
            var f = new CheckedMapping(node, keys is null ? "an option" : "a code", keys ?? OptionKeys, diagnostics);
            if (!f.IsMapping) continue;
            var code = f.RequiredString("code");
            if (code.Length > 0 && !seen.Add(code)) diagnostics.Report(f.KeySpan("code"), Codes.DuplicateOption, code, itemId);
            var option = new OptionDefinition(code, f.String("display") ?? code, f.KeySpan("code"))
            {
                System = f.String("system"), Score = f.Number("score"), Exclusive = f.Bool("exclusive"), CodeSpan = f.ValueSpan("code"),
                SymptomNow = f.Bool("symptom_now"),
            };
            if (option.SymptomNow && insideRepeat is not null)
                diagnostics.Report(f.KeySpan("symptom_now"), Codes.SymptomNowInRepeat, insideRepeat);
            else if (option.SymptomNow && option.Exclusive)
                diagnostics.Report(f.KeySpan("symptom_now"), Codes.SymptomNowNotForType, $"cannot go on the exclusive option '{code}', which means none of the others");
            options.Add(option with { SymptomNow = option.SymptomNow && insideRepeat is null && !option.Exclusive });
        }
        return options.ToImmutable();
    }

    internal ValueDefinition? ReadValue(YNode node)
    {
        var f = new CheckedMapping(node, "a value", ValueKeys, diagnostics);
        if (!f.IsMapping) return null;
        var name = f.RequiredString("name");
        CheckIdentifier(name, f.KeySpan("name"), "value name");
        return new ValueDefinition(name, RequiredExpression(f, "expr", $"the value '{name}'"), f.KeySpan("name"))
        {
            Description = f.String("description"),
            ClinicianLabel = f.String("clinician_label"),
        };
    }

    private CheckDefinition? ReadCheck(YNode node)
    {
        var f = new CheckedMapping(node, "a check", CheckKeys, diagnostics);
        if (!f.IsMapping) return null;
        var id = f.RequiredString("id");
        var message = f.Template("message");
        if (message is null) diagnostics.Report(f.Span, Codes.MissingKey, $"the check '{id}'", "message");
        return new CheckDefinition(id, RequiredExpression(f, "assert", $"the check '{id}'"),
            message ?? new TemplateSource("", f.Span), f.KeySpan("id"))
        {
            Item = f.String("item"), ItemSpan = f.KeySpan("item"),
        };
    }

    internal RuleDefinition? ReadRule(YNode node)
    {
        var f = new CheckedMapping(node, "a rule", RuleKeys, diagnostics);
        if (!f.IsMapping) return null;
        var id = f.RequiredString("id");
        if (!f.Has("level")) diagnostics.Report(f.Span, Codes.MissingKey, $"the rule '{id}'", "level");
        var source = f.String("source");
        if (string.IsNullOrWhiteSpace(source)) diagnostics.Report(f.KeySpan("id"), Codes.RuleWithoutSource, id);
        return new RuleDefinition(id, RequiredExpression(f, "when", $"the rule '{id}'"), f.Enum("level", FlagLevels.ByName) ?? FlagLevel.Routine, f.KeySpan("id"))
        {
            Patient = f.Template("patient"), Clinician = f.Template("clinician"), Source = source,
        };
    }

    private ImmutableArray<PageDefinition> ReadPages(IReadOnlyList<YNode> nodes, ImmutableArray<ItemDefinition> items)
    {
        var topLevel = items.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var pages = ImmutableArray.CreateBuilder<PageDefinition>();
        foreach (var node in nodes)
        {
            var f = new CheckedMapping(node, "a page", PageKeys, diagnostics);
            if (!f.IsMapping) continue;
            var id = f.RequiredString("id");
            var ids = ImmutableArray.CreateBuilder<string>();
            var spans = ImmutableArray.CreateBuilder<SourceSpan>();
            foreach (var entry in f.List("items"))
            {
                if (entry is not YScalar s) { diagnostics.Report(entry.Span, Codes.WrongNodeKind, "a page item", "an item id", entry.KindName); continue; }
                if (!topLevel.Contains(s.Value)) diagnostics.Report(s.Span, Codes.UnknownPageItem, id, s.Value);
                else if (!placed.Add(s.Value)) diagnostics.Report(s.Span, Codes.ItemOnTwoPages, s.Value);
                ids.Add(s.Value);
                spans.Add(s.Span);
            }
            pages.Add(new PageDefinition(id, f.KeySpan("id")) { Title = f.String("title"), Section = f.String("section"), Items = ids.ToImmutable(), ItemSpans = spans.ToImmutable() });
        }
        if (pages.Count > 0)
            foreach (var item in items.Where(i => !placed.Contains(i.Id)))
                diagnostics.Report(item.Span, Codes.ItemOnNoPage, item.Id);
        return pages.ToImmutable();
    }

    internal ExpressionSource RequiredExpression(CheckedMapping f, string key, string what)
    {
        var e = f.Expression(key);
        if (e is not null) return e;
        if (!f.Has(key)) diagnostics.Report(f.Span, Codes.MissingKey, what, key);
        return new ExpressionSource("", f.Span) { Missing = true };
    }

    internal void CheckIdentifier(string id, SourceSpan span, string what)
    {
        if (id.Length == 0) return;
        if (!Identifier().IsMatch(id)) diagnostics.Report(span, Codes.InvalidIdentifier, id, what);
        else if (Expressions.Functions.IsReserved(id)) diagnostics.Report(span, Codes.ReservedName, id);
    }
}
