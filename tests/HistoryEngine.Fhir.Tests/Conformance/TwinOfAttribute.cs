namespace HistoryEngine.Fhir.Tests.Conformance;

/// <summary>
/// Marks a test on the project's own fixtures as the twin of a test on the external corpus: the corpus test is
/// skipped on a clone without <c>../shared</c>, and its twin checks the same construct there.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
internal sealed class TwinOfAttribute(Type corpusTests, string method) : Attribute
{
    public Type CorpusTests { get; } = corpusTests;
    public string Method { get; } = method;
}
