using HistoryEngine.Web.Features.Shared.Answering;

namespace HistoryEngine.Web.Tests.Site;

/// <summary>Author text is rendered once per distinct text; what comes out must be what rendering gives each time.</summary>
public sealed class RenderedTextTests
{
    [Fact]
    public void PatientText_RenderedTwice_GivesTheSameHtmlAsRenderingAfresh()
    {
        const string text = "Is your **reading** high?\n\nSee [the leaflet](https://example.org).";
        var first = PatientText.Inline(text).ToString();
        Assert.Equal(first, PatientText.Inline(text).ToString());
        Assert.Equal("Is your <strong>reading</strong> high?", first);
        Assert.Contains("<a href=\"https://example.org\">the leaflet</a>", PatientText.AfterFirst(text).ToString());
        Assert.Equal(PatientText.Block(null).ToString(), PatientText.Block("").ToString());
    }

    [Fact]
    public void RenderedText_WhenFull_StaysWithinItsCapacity_AndStillRendersEachText()
    {
        var calls = 0;
        var memo = new RenderedText<string>(t => { calls++; return t.ToUpperInvariant(); }, capacity: 3);
        for (var i = 0; i < 10; i++)
            Assert.Equal($"T{i}", memo.Get($"t{i}"));
        Assert.Equal("T9", memo.Get("t9"));

        Assert.InRange(memo.Count, 1, 3);
        Assert.Equal(10, calls);
    }
}
