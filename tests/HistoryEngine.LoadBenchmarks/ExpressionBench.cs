using LiteDB;

namespace HistoryEngine.LoadBenchmarks;

/// <summary>
/// LiteDB's Query.EQ(field, value) writes the value into the expression's text, so every new value is a new
/// expression to parse and compile (and to keep in LiteDB's cache of compiled expressions); "field = @0" with the
/// value as a parameter is the same text every time. Times both lookups by an indexed field on distinct values.
/// </summary>
internal static class ExpressionBench
{
    public static void Run(int count, TextWriter output)
    {
        var folder = Directory.CreateTempSubdirectory("he-expr-").FullName;
        try
        {
            using var db = new LiteDatabase(new ConnectionString { Filename = Path.Combine(folder, "e.db"), Connection = ConnectionType.Direct });
            var c = db.GetCollection("things");
            c.EnsureIndex("patientId");
            c.InsertBulk(Enumerable.Range(0, count).Select(i => new BsonDocument { ["_id"] = i, ["patientId"] = $"p{i:00000}" }));
            foreach (var (name, find) in new (string, Func<string, BsonExpression>)[]
                     {
                         ("Query.EQ(\"patientId\", value)", id => Query.EQ("patientId", id)),
                         ("BsonExpression.Create(\"patientId = @0\", value)", id => BsonExpression.Create("patientId = @0", id)),
                         ("Query.EQ(\"patientId\", value), second pass (same values)", id => Query.EQ("patientId", id)),
                     })
            {
                var samples = new Samples();
                var retainedBefore = GC.GetTotalMemory(forceFullCollection: true);
                for (var i = 0; i < count; i++)
                {
                    var id = $"p{i:00000}";
                    samples.TimeAsync(() => Task.FromResult(c.Find(find(id)).Count())).GetAwaiter().GetResult();
                }
                var retained = GC.GetTotalMemory(forceFullCollection: true) - retainedBefore;
                output.WriteLine($"| {name} | {Fmt.Ms(samples.Percentile(50) * 1000)} | {Fmt.Ms(samples.Mean * 1000)} | {count} | {Fmt.Mb(retained)} | {Fmt.Load()} |");
            }
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
