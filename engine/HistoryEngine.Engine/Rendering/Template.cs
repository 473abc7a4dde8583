using System.Text;
using HistoryEngine.Definitions;
using HistoryEngine.Diagnostics;
using HistoryEngine.Expressions;
using Scriban.Syntax;

namespace HistoryEngine.Rendering;

/// <summary>
/// A checked template: Scriban's syntax (text, <c>{{ expression }}</c>, <c>if</c>/<c>else</c>, <c>for x in list</c>),
/// with the expression language's names, types and functions. It cannot reach .NET objects, files or the network,
/// and its output is capped, so no template can run away. Immutable and shareable.
/// </summary>
internal sealed partial class Template
{
    public const int MaxOutput = 64 * 1024;

    private readonly Node[] _body;

    private Template(Node[] body) => _body = body;

    public static readonly Template Empty = new([]);

    public string Render(EvalContext context)
    {
        var output = new StringBuilder();
        Emit(_body, context, output);
        if (output.Length > MaxOutput) { output.Length = MaxOutput; output.Append(" [cut off]"); }
        // An answer that ends its own sentence ("Fine.") inside a sentence of the template ("Comments: {{ c }}.")
        // would read "Fine.."; one full stop is kept ("?." and "!." keep their mark; an ellipsis stays three dots).
        return DoubledStop().Replace(output.ToString(), "$1");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![.])([.?!])\.(?!\.)|(?<=(?<![.])\.\.\.)\.(?!\.)")]
    private static partial System.Text.RegularExpressions.Regex DoubledStop();

    private static void Emit(Node[] nodes, EvalContext c, StringBuilder output)
    {
        foreach (var node in nodes)
        {
            if (output.Length > MaxOutput) return;
            switch (node)
            {
                case TextNode t: output.Append(t.Text); break;
                case OutputNode o: output.Append(o.Format(o.Expr.Eval(c))); break;
                case IfNode i: Emit(i.Condition.Eval(c) is true ? i.Then : i.Else, c, output); break;
                case ForNode f:
                    if (f.List.Eval(c) is IReadOnlyList<RecordValue> items && items.Count > 0)
                        foreach (var item in items)
                        {
                            c.SetFrame(f.Level, [item]);
                            Emit(f.Body, c, output);
                        }
                    else Emit(f.Else, c, output);
                    break;
            }
        }
    }

    /// <summary>Parses and checks a template; problems go to <paramref name="diagnostics"/> and give null.</summary>
    public static Template? Compile(TemplateSource source, BindScope scope, DiagnosticBag diagnostics, HashSet<Runtime.Symbol>? reads = null)
    {
        var before = diagnostics.Count;
        var page = ScribanSyntax.ParseTemplate(source, diagnostics);
        if (page is null) return null;
        var binder = new Binder(diagnostics, source.Span);
        var body = new Compiler(binder, diagnostics).Block(page.Body, scope);
        if (reads is not null) reads.UnionWith(binder.Reads);
        return diagnostics.Count > before ? null : new Template(body);
    }

    private abstract record Node;
    private sealed record TextNode(string Text) : Node;
    private sealed record OutputNode(Expr Expr, Func<object?, string> Format) : Node;
    private sealed record IfNode(Expr Condition, Node[] Then, Node[] Else) : Node;
    private sealed record ForNode(int Level, Expr List, Node[] Body, Node[] Else) : Node;

    private sealed class Compiler(Binder binder, DiagnosticBag diagnostics)
    {
        public Node[] Block(ScriptBlockStatement? block, BindScope scope) =>
            block is null ? [] : [.. block.Statements.Select(s => Statement(s, scope)).OfType<Node>()];

        private Node? Statement(ScriptStatement statement, BindScope scope)
        {
            switch (statement)
            {
                case ScriptRawStatement raw: return new TextNode(raw.Text.ToString());
                case ScriptExpressionStatement { Expression: var e }:
                    var expr = binder.Bind(e, scope);
                    return new OutputNode(expr, Formatter(expr.Type));
                case ScriptIfStatement node: return If(node, scope);
                case ScriptForStatement node: return For(node, scope);
                case ScriptNopStatement or ScriptEscapeStatement or ScriptEndStatement: return null;
                default:
                    diagnostics.Report(binder.At(statement), Codes.TemplateUnsupported, $"'{FirstWord(statement)}'");
                    return null;
            }
        }

        private static string FirstWord(ScriptStatement statement)
        {
            var text = statement.ToString() ?? statement.GetType().Name;
            var space = text.IndexOfAny([' ', '\n']);
            return space > 0 ? text[..space] : text;
        }

        private IfNode If(ScriptIfStatement node, BindScope scope)
        {
            var condition = binder.BindCondition(node.Condition, scope, "the condition of 'if'");
            var otherwise = node.Else switch
            {
                ScriptIfStatement elseIf => [If(elseIf, scope)],
                ScriptElseStatement e => Block(e.Body, scope),
                _ => [],
            };
            return new IfNode(condition, Block(node.Then, scope), otherwise);
        }

        private Node? For(ScriptForStatement node, BindScope scope)
        {
            if (node.Variable is not ScriptVariableGlobal variable)
            {
                diagnostics.Report(binder.At(node), Codes.TemplateUnsupported, "this kind of loop variable");
                return null;
            }
            if (node.NamedArguments is { Count: > 0 })
                diagnostics.Report(binder.At(node), Codes.TemplateUnsupported, "options on 'for'");
            var list = binder.Bind(node.Iterator, scope);
            if (list.Type.Kind == TypeKind.Error) return null;
            if (list.Type.Kind != TypeKind.List)
            {
                diagnostics.Report(binder.At(node.Iterator), Codes.TypeMismatch, $"'for' goes through a list, not {list.Type.Describe()}");
                return null;
            }
            var inner = scope.Local(variable.Name, ExprType.RecordOf(list.Type.Shape!));
            return new ForNode(inner.Level, list, Block(node.Body, inner), node.Else is null ? [] : Block(node.Else.Body, scope));
        }

        private static Func<object?, string> Formatter(ExprType type) =>
            type.Choice is { } choice && type.Kind is TypeKind.Code or TypeKind.CodeSet
                ? v => Functions.Display(choice, v) ?? ""
                : Values.Format;
    }
}
