using System.Collections.Frozen;
using HistoryEngine.Definitions;
using HistoryEngine.Diagnostics;
using HistoryEngine.Expressions;
using HistoryEngine.Rendering;

namespace HistoryEngine.Runtime;

/// <summary>
/// Checks a definition and compiles it: declares every name, binds and type-checks every expression and template,
/// builds the dependency graph and orders it. Problems become diagnostics; a definition with errors gives no
/// compiled questionnaire.
/// </summary>
internal sealed class QuestionnaireCompiler
{
    public const int MaxItems = 50_000;

    private readonly QuestionnaireDefinition _definition;
    private readonly DiagnosticBag _diagnostics;
    private readonly List<ItemSymbol> _items = [];
    private readonly List<ValueSymbol> _values = [];
    private readonly List<CompiledRule> _rules = [];
    private readonly List<CompiledCheck> _checks = [];
    private readonly List<CompiledEntry> _entries = [];
    private readonly List<Namespace> _namespaces = [];
    private readonly Dictionary<Symbol, HashSet<Symbol>> _reads = [];
    private readonly Dictionary<ItemSymbol, HashSet<ItemSymbol>> _fieldReads = [];
    private readonly HashSet<ValueSymbol> _binding = [];
    /// <summary>Every item or value an expression reads (not a template), with the first reader: what makes an answer count.</summary>
    private readonly Dictionary<Symbol, Symbol> _usedBy = [];
    private int _globalSlots;

    private QuestionnaireCompiler(QuestionnaireDefinition definition, DiagnosticBag diagnostics)
    {
        _definition = definition;
        _diagnostics = diagnostics;
    }

    /// <summary>
    /// Compiles a definition; <paramref name="languages"/> bind expressions in languages other than the engine's own
    /// (FHIRPath, given by <see cref="QuestionnaireFile"/>), so that the compiler depends on no file format.
    /// </summary>
    public static CompiledQuestionnaire? Compile(QuestionnaireDefinition definition, DiagnosticBag diagnostics,
        IReadOnlyList<IExpressionLanguage>? languages = null)
    {
        var compiler = new QuestionnaireCompiler(definition, diagnostics) { _languages = languages ?? [] };
        var before = diagnostics.HasErrors;
        var result = compiler.Run();
        return before || diagnostics.HasErrors ? null : result;
    }

    private CompiledQuestionnaire? Run()
    {
        var root = new Namespace("", _definition);
        Declare(root, _definition.Items, null);
        if (_items.Count > MaxItems)
        {
            _diagnostics.Report(_definition.Span, Codes.TooManyItems, MaxItems);
            return null;
        }
        foreach (var ns in _namespaces.ToList()) DeclareValues(ns);
        foreach (var item in _items) BindItem(item);
        foreach (var value in _values) BindValue(value);
        foreach (var ns in _namespaces)
        {
            BindRulesAndChecks(ns);
            BindEntries(ns);
        }
        foreach (var ns in _namespaces) BindNarrative(ns);
        var frameOrders = OrderFrames();
        var graph = DependencyGraph.Build(_items, _values, _rules, _checks, _reads, _diagnostics);
        if (_diagnostics.HasErrors || graph is null) return null;
        // Judged where patients answer: a module on its own is judged in the files that include it.
        if (!_definition.IsModule)
        {
            AnswerUse.ReportUnread(_items, _usedBy, _diagnostics);
            SymptomCheck.Report(_items, _rules, _reads, _diagnostics);
            if (_diagnostics.HasErrors) return null;
        }
        return new CompiledQuestionnaire(_definition, root, _items, _values, _rules, _checks, _entries, BuildPages(root),
            graph, _globalSlots, frameOrders) { ReadsRecordValues = _readsRecord };
    }

    private void Declare(Namespace ns, IEnumerable<ItemDefinition> items, ItemSymbol? parent)
    {
        if (!_namespaces.Contains(ns)) _namespaces.Add(ns);
        foreach (var def in items)
        {
            if (def.Id.Length == 0) continue;
            var item = new ItemSymbol(def, ns.Prefix + def.Id, def.Id, parent, ns) { Order = _items.Count };
            _items.Add(item);
            parent?.Children.Add(item);
            item.Frame = parent is null ? null : parent.IsRepeating ? parent.InstanceShape : parent.Frame;
            if (item.Frame is null) item.Slot = _globalSlots++;
            else
            {
                item.Slot = item.Frame.SlotCount++;
                item.Frame.Items.Add(item);
                item.Frame.Fields.TryAdd(def.Id, item);
            }
            item.OptionsByCode = def.Options.GroupBy(o => o.Code).ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            if (def.Repeats) item.InstanceShape = new RecordShape(def.Id) { Owner = item, Level = item.Frame is null ? 0 : item.Frame.Level + 1 };
            item.Type = TypeOf(item);

            if (def.Module is not null)
            {
                var inner = new Namespace(item.Id + ".", def.Module);
                Register(ns, def.Id, new ModuleSymbol(item, inner));
                Declare(inner, def.Module.Items, item);
            }
            else
            {
                Register(ns, def.Id, item);
                Declare(ns, def.Items, item);
            }
        }
    }

    private void Register(Namespace ns, string name, Symbol symbol)
    {
        if (ns.Names.TryGetValue(name, out var existing))
            _diagnostics.Report(symbol.Span, Codes.DuplicateId, name, existing.Span.Line);
        else ns.Names[name] = symbol;
    }

    private static ExprType TypeOf(ItemSymbol item) => item.Definition.Broken ? ExprType.Error : item.ItemType switch
    {
        ItemType.Boolean => ExprType.Boolean,
        ItemType.Choice => new ExprType(TypeKind.Code) { Choice = item },
        ItemType.MultipleChoice => new ExprType(TypeKind.CodeSet) { Choice = item },
        ItemType.Integer => ExprType.Integer,
        ItemType.Decimal => ExprType.Decimal,
        ItemType.Text or ItemType.LongText => ExprType.Text,
        ItemType.Date => ExprType.Date,
        ItemType.DateTime => ExprType.DateTime,
        ItemType.Group when item.IsRepeating => ExprType.ListOf(item.InstanceShape!),
        _ => ExprType.Boolean,
    };

    private void DeclareValues(Namespace ns)
    {
        foreach (var def in ns.Definition.Values)
        {
            if (def.Name.Length == 0) continue;
            var value = new ValueSymbol(def, ns.Prefix + def.Name, ns) { Slot = _globalSlots++ };
            value.EnsureBound = () => BindValue(value);
            if (ns.Names.TryGetValue(def.Name, out var existing) && existing is ItemSymbol or ModuleSymbol)
                _diagnostics.Report(def.Span, Codes.NameClash, def.Name, existing.Span.Line);
            else Register(ns, def.Name, value);
            _values.Add(value);
        }
    }

    private Expr? BindExpression(ExpressionSource? source, BindScope scope, Symbol owner, string? conditionOf = null)
    {
        if (source is null) return null;
        if (source.Missing) return Binder.ErrorExpr;
        if (source.Language is not null) return BindForeign(source, owner, conditionOf);
        var diagnostics = ReportingFor(source.Text);
        var syntax = ScribanSyntax.ParseExpression(source, diagnostics);
        if (syntax is null) return Binder.ErrorExpr;
        var binder = new Binder(diagnostics, source.Span);
        var expr = conditionOf is null ? binder.Bind(syntax, scope) : binder.BindCondition(syntax, scope, conditionOf);
        if (diagnostics != _diagnostics && diagnostics.HasErrors) return Binder.ErrorExpr;
        _diagnostics.AddRange(diagnostics == _diagnostics ? [] : diagnostics.Items);
        _readsRecord |= binder.ReadsRecord;
        AddReads(owner, binder.Reads);
        AddUses(owner, binder.Reads.Concat(binder.FieldReads));
        if (owner is ItemSymbol item) AddFieldReads(item, binder.FieldReads);
        return expr;
    }

    private void AddUses(Symbol owner, IEnumerable<Symbol> reads)
    {
        foreach (var read in reads) _usedBy.TryAdd(read, owner);
    }

    private IReadOnlyList<IExpressionLanguage> _languages = [];

    /// <summary>Set when an expression reads the patient's record (last_value, last_date).</summary>
    private bool _readsRecord;

    /// <summary>The language an expression is written in, or null (reported) when none was given for it.</summary>
    private IExpressionLanguage? LanguageOf(ExpressionSource source)
    {
        if (_languages.FirstOrDefault(l => l.Name == source.Language) is { } language) return language;
        _diagnostics.Report(source.Span, Codes.FhirUnsupported, $"expressions in '{source.Language}' cannot be worked out here");
        return null;
    }

    /// <summary>An expression in another language (an SDC expression in FHIRPath): its language binds it.</summary>
    private Expr BindForeign(ExpressionSource source, Symbol owner, string? conditionOf)
    {
        if (LanguageOf(source) is not { } language) return Binder.ErrorExpr;
        var reads = new HashSet<Symbol>();
        var fieldReads = new HashSet<ItemSymbol>();
        var type = conditionOf is not null ? ExprType.Boolean : owner is ItemSymbol item ? item.Type : ExprType.Text;
        var expr = language.Bind(source, type, owner as ItemSymbol, _items, _diagnostics, reads, fieldReads);
        AddReads(owner, reads);
        AddUses(owner, reads.Concat(fieldReads));
        if (owner is ItemSymbol ownerItem) AddFieldReads(ownerItem, fieldReads);
        return expr;
    }

    /// <summary>What an item's expressions (its condition and its calculation together) read in its own instance.</summary>
    private void AddFieldReads(ItemSymbol item, IEnumerable<ItemSymbol> reads)
    {
        if (!_fieldReads.TryGetValue(item, out var set)) _fieldReads[item] = set = [];
        set.UnionWith(reads);
    }

    private void AddReads(Symbol owner, IEnumerable<Symbol> reads)
    {
        if (!_reads.TryGetValue(owner, out var set)) _reads[owner] = set = [];
        set.UnionWith(reads);
    }

    private void BindItem(ItemSymbol item)
    {
        var def = item.Definition;
        item.EnableWhen = BindExpression(def.EnableWhen, BindScope.ForItem(item), item, $"the enable_when of '{item.Id}'");
        if (def.Calculated is not null)
        {
            var expr = BindExpression(def.Calculated, BindScope.ForItem(item), item) ?? Binder.ErrorExpr;
            if (expr.Type.Kind != TypeKind.Error && !Compatible(item.Type, expr.Type))
                _diagnostics.Report(def.Calculated.Span, Codes.TypeMismatch,
                    $"the calculated value of '{item.Id}' gives {expr.Type.Describe()}, but the item holds {item.Type.Describe()}");
            item.Calculated = expr;
        }
        // Read once when a session starts, so what it reads is not a dependency that recomputes the item.
        if (def.InitialExpression is { Language: not null } initialExpression && item.IsRoot)
            item.InitialExpression = LanguageOf(initialExpression)?.Bind(initialExpression, item.Type, item, _items, _diagnostics, []);
        else if (def.InitialExpression is { Language: null } initialFrom && item.IsRoot)
            item.InitialExpression = BindInitialFrom(item, initialFrom);
        else if (def.InitialExpression is not null)
            _diagnostics.Report(def.InitialExpression.Span, Codes.FhirUnsupported, $"'{item.Id}' is inside a repeating group, where an initialExpression is not read: it starts empty");
        if (def.Initial is not null && AnswerConverter.Convert(item, def.Initial) is { Code: not null } bad)
            _diagnostics.Report(def.Span, Codes.InvalidValue, def.Initial is string[] list ? string.Join(", ", list) : def.Initial, "initial answer", bad.Message);
    }

    /// <summary>
    /// A native <c>initial_from</c>: worked out once when a session starts, from what the practice knows (the patient's
    /// context and record), so it reads no answers and is no dependency of the item.
    /// </summary>
    private Expr? BindInitialFrom(ItemSymbol item, ExpressionSource source)
    {
        var diagnostics = ReportingFor(source.Text);
        if (ScribanSyntax.ParseExpression(source, diagnostics) is not { } syntax) return null;
        var binder = new Binder(diagnostics, source.Span);
        var expr = binder.Bind(syntax, BindScope.ForItem(item));
        if (diagnostics != _diagnostics) _diagnostics.AddRange(diagnostics.Items);
        _readsRecord |= binder.ReadsRecord;
        if (binder.Reads.Concat(binder.FieldReads).FirstOrDefault() is { } read)
            _diagnostics.Report(source.Span, Codes.InitialFromReadsAnswers, item.Id, read.Id);
        else if (expr.Type.Kind != TypeKind.Error && !Compatible(item.Type, expr.Type))
            _diagnostics.Report(source.Span, Codes.TypeMismatch,
                $"the initial_from of '{item.Id}' gives {expr.Type.Describe()}, but the item holds {item.Type.Describe()}");
        else return expr;
        return null;
    }

    private static bool Compatible(ExprType item, ExprType value) =>
        item.Kind == value.Kind && item.Kind != TypeKind.Code
        || item.Kind == TypeKind.Code && value.Kind is TypeKind.Code or TypeKind.Text
        || item.Kind == TypeKind.Text && value.Kind is TypeKind.Code;

    /// <summary>
    /// Binds a value once, when it is first read or in file order, whichever comes first: items and values may read
    /// values defined further down. A value read while it is being bound is part of a loop, which the graph reports.
    /// </summary>
    private void BindValue(ValueSymbol value)
    {
        if (value.Expression is not null || !_binding.Add(value)) return;
        var expr = BindExpression(value.Definition.Expression, BindScope.Root(value.Namespace), value) ?? Binder.ErrorExpr;
        value.Expression = expr;
        value.Type = expr.Type;
        _binding.Remove(value);
    }

    /// <summary>
    /// The group that includes a module's namespace (null for the questionnaire's own): a disabled group disables
    /// everything inside it, its rules and entries too, so a module the patient did not choose raises nothing, even
    /// from a rule that reads only the patient's context.
    /// </summary>
    private ItemSymbol? ModuleGroup(Namespace ns) =>
        ns.Prefix.Length == 0 ? null : _items.FirstOrDefault(i => i.Id + "." == ns.Prefix);

    private void BindRulesAndChecks(Namespace ns)
    {
        var module = ModuleGroup(ns);
        foreach (var def in ns.Definition.Rules)
        {
            var owner = new RuleOwner(ns.Prefix + def.Id, def.Span, "rule");
            var scope = BindScope.Root(ns);
            var when = BindExpression(def.When, scope, owner, $"the 'when' of rule '{def.Id}'") ?? Binder.ErrorExpr;
            // The rule reads whether its module is enabled, so that it is worked out again when that changes.
            if (module is not null) AddReads(owner, [module]);
            var rule = new CompiledRule(def, owner, when)
            {
                Module = module,
                Patient = CompileText(def.Patient, scope, owner),
                Clinician = CompileText(def.Clinician, scope, owner),
            };
            _rules.Add(rule);
        }
        foreach (var def in ns.Definition.Checks)
        {
            ItemSymbol? item = null;
            if (def.Item is not null)
            {
                item = _items.FirstOrDefault(i => i.Namespace == ns && i.LocalName == def.Item);
                if (item is null) _diagnostics.Report(def.ItemSpan, Codes.CheckItemUnknown, def.Id, def.Item);
            }
            var owner = new RuleOwner(ns.Prefix + def.Id, def.Span, "check");
            var scope = item is null ? BindScope.Root(ns) : BindScope.ForItem(item);
            var assert = BindExpression(def.Assert, scope, owner, $"the 'assert' of check '{def.Id}'") ?? Binder.ErrorExpr;
            var check = new CompiledCheck(def, owner, item, assert) { Message = CompileText(def.Message, scope, owner) ?? Template.Empty };
            _checks.Add(check);
            item?.Checks.Add(check);
        }
    }

    private Template? CompileText(TemplateSource? source, BindScope scope, Symbol owner)
    {
        if (source is null) return null;
        var reads = new HashSet<Symbol>();
        var diagnostics = ReportingFor(source.Text);
        var template = Template.Compile(source, scope, diagnostics, reads);
        if (diagnostics != _diagnostics && !diagnostics.HasErrors) _diagnostics.AddRange(diagnostics.Items);
        AddReads(owner, reads);
        return template;
    }

    /// <summary>
    /// Where an expression or template reports its problems. One that names an item or value whose id is a reserved
    /// word (already an error, HE1113, where it is declared) is checked apart, and its errors are dropped: Scriban reads
    /// the word as a keyword, and the parser errors that follow would only repeat that one mistake.
    /// </summary>
    private DiagnosticBag ReportingFor(string text)
    {
        _reservedIds ??= ReservedIds();
        return _reservedIds.Count > 0 && _reservedIds.Any(id => System.Text.RegularExpressions.Regex.IsMatch(text, $@"(?<![\w.$]){id}(?![\w])"))
            ? new DiagnosticBag()
            : _diagnostics;
    }

    private HashSet<string>? _reservedIds;

    private HashSet<string> ReservedIds()
    {
        static IEnumerable<string> Ids(IEnumerable<ItemDefinition> items) => items.SelectMany(i => Ids(i.Items).Prepend(i.Id));
        return _namespaces.SelectMany(ns => Ids(ns.Definition.Items).Concat(ns.Definition.Values.Select(v => v.Name)))
            .Where(Functions.IsReserved).ToHashSet(StringComparer.Ordinal);
    }

    private void BindEntries(Namespace ns)
    {
        foreach (var def in ns.Definition.Entries)
        {
            var owner = new RuleOwner(ns.Prefix + (def.Id ?? def.Code), def.Span, "entry");
            var scope = BindScope.Root(ns);
            var value = BindExpression(def.Value, scope, owner);
            var when = BindExpression(def.When, scope, owner, $"the 'when' of the entry '{def.Code}'");
            var taken = BindExpression(def.Taken, scope, owner);
            CheckEntryRange(ns, def, value);
            if (taken is not null && taken.Type.Kind is not (TypeKind.Date or TypeKind.Error))
                _diagnostics.Report(def.Taken!.Span, Codes.EntryTakenNotDate, def.Id ?? def.Code, taken.Type.Describe());
            _entries.Add(new CompiledEntry(def, value, when, taken) { Module = ModuleGroup(ns) });
        }
    }

    /// <summary>
    /// A number entry says what a clinician may file (<c>min</c>, <c>max</c>): the site checks a value typed at
    /// filing against them, so the range is clinical knowledge kept in the file, not in the site.
    /// </summary>
    private void CheckEntryRange(Namespace ns, EntryDefinition def, Expr? value)
    {
        var name = def.Id ?? def.Code;
        if (def.Min is { } min && def.Max is { } max && min > max)
            _diagnostics.Report(def.Span, Codes.EntryRangeBackwards, name, min, max);
        if (value is null || value.Type.Kind == TypeKind.Error) return;
        if (!value.Type.IsNumber && (def.Min is not null || def.Max is not null))
            _diagnostics.Report(def.Span, Codes.EntryRangeNotNumber, name, value.Type.Describe());
        else if (value.Type.IsNumber && ns.Definition.IsNative && (def.Min is null || def.Max is null))
            _diagnostics.Report(def.Span, Codes.EntryRangeMissing, name);
    }

    private void BindNarrative(Namespace ns)
    {
        if (ns.Definition.Narrative is not { } source) return;
        var scope = BindScope.TemplateRoot(ns, NarrativeGlobals.Globals);
        var diagnostics = ReportingFor(source.Text);
        ns.Narrative = Template.Compile(source, scope, diagnostics);
        if (diagnostics != _diagnostics && !diagnostics.HasErrors) _diagnostics.AddRange(diagnostics.Items);
    }

    /// <summary>Within each repeating group, items are evaluated so that an item comes after those its condition reads.</summary>
    private Dictionary<RecordShape, ItemSymbol[]> OrderFrames()
    {
        var orders = new Dictionary<RecordShape, ItemSymbol[]>();
        foreach (var group in _items.Where(i => i.IsRepeating))
        {
            var shape = group.InstanceShape!;
            var local = shape.Items.ToHashSet();
            var deps = shape.Items.ToDictionary(i => i, i => _fieldReads.GetValueOrDefault(i)?.Where(local.Contains) ?? []);
            var ordered = DependencyGraph.TopologicalOrder(shape.Items, deps, _diagnostics);
            orders[shape] = ordered ?? [.. shape.Items];
        }
        return orders;
    }

    private static List<Page> BuildPages(Namespace root)
    {
        string? section = null;
        return [.. PagesOf(root, "", () => section, s => section = s)];
    }

    /// <summary>
    /// The pages of a file: its own <c>pages</c>, or one page per top-level item. An included module that has
    /// pages of its own keeps them (ids prefixed with the module's id), so a long module is not one long page. A page
    /// is in the section it names, or else in that of the page before it; a module's pages are in the section of the
    /// page that includes the module.
    /// </summary>
    private static IEnumerable<Page> PagesOf(Namespace ns, string prefix, Func<string?> section, Action<string?> setSection,
        bool inModule = false)
    {
        var definitions = ns.Definition.Pages.IsEmpty
            ? ns.Definition.Items.Select(i => new PageDefinition(i.Id, i.Span) { Items = [i.Id] })
            : ns.Definition.Pages;
        foreach (var page in definitions)
        {
            if (!inModule && page.Section is { } named)
                setSection(named);
            var current = new List<ItemSymbol>();
            var part = 0;
            Page Flush() => new(prefix + page.Id + (part++ == 0 ? "" : $"-{part}"), page.Title, section(), [.. current]);
            foreach (var id in page.Items)
            {
                switch (ns.Names.GetValueOrDefault(id))
                {
                    case ModuleSymbol module when !module.Inner.Definition.Pages.IsEmpty:
                        if (current.Count > 0) { yield return Flush(); current.Clear(); }
                        foreach (var inner in PagesOf(module.Inner, prefix + module.LocalName + ".", section, setSection, inModule: true))
                            yield return inner;
                        break;
                    case ModuleSymbol module: current.Add(module.Group); break;
                    case ItemSymbol item: current.Add(item); break;
                }
            }
            if (current.Count > 0) yield return Flush();
        }
    }

    /// <summary>A rule, check or entry as a node owner in the read table.</summary>
    internal sealed class RuleOwner(string id, SourceSpan span, string kind) : Symbol(id, id, span)
    {
        /// <summary>"rule", "check" or "entry", for messages.</summary>
        public string Kind { get; } = kind;
    }
}
