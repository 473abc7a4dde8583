using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Tests.Records;

public abstract partial class RecordStoreContract
{
    private static readonly QuestionnaireSourceFile[] BpFiles =
    [
        new("bp-check.yaml", "id: bp-check\nversion: 1.0.0\n"),
        new("modules/bp-symptoms.yaml", "id: bp-symptoms\n# ünïcödé, emoji 🩺 and \u202E kept exactly\n"),
    ];

    [Fact]
    public async Task ArchiveQuestionnaire_ThenGet_RoundTripsEveryFileExactly()
    {
        var stored = await Store.ArchiveQuestionnaireAsync("hash-1", "bp-check", "1.0.0", BpFiles);

        var read = await Store.GetArchivedQuestionnaireAsync("hash-1");

        Assert.NotNull(read);
        Assert.Equal(("hash-1", "bp-check", "1.0.0"), (read.Hash, read.Id, read.Version));
        Assert.Equal(BpFiles, read.Files);
        Assert.Equal(stored.ArchivedAt, read.ArchivedAt);
        AssertUtc(read.ArchivedAt);
    }

    [Fact]
    public async Task ArchiveQuestionnaire_SameHashTwice_KeepsTheFirst()
    {
        var first = await Store.ArchiveQuestionnaireAsync("hash-1", "bp-check", "1.0.0", BpFiles);
        Clock.Advance(TimeSpan.FromDays(1));

        var second = await Store.ArchiveQuestionnaireAsync("hash-1", "bp-check", "9.9.9", [new("x.yaml", "other")]);

        Assert.Equal(first.ArchivedAt, second.ArchivedAt);
        Assert.Equal("1.0.0", second.Version);
        Assert.Equal(BpFiles, (await Store.GetArchivedQuestionnaireAsync("hash-1"))!.Files);
    }

    [Fact]
    public async Task GetArchivedQuestionnaire_UnknownHash_IsNull() =>
        Assert.Null(await Store.GetArchivedQuestionnaireAsync("no-such-hash"));
}
