using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Startup;
using Practice = HistoryEngine.Web.Infrastructure.Startup.Practice;
using Microsoft.Extensions.Configuration;

namespace HistoryEngine.Web.Tests.Site;

/// <summary>Issue 15 point 11: the header and page titles name the practice (<c>Practice:Name</c>), not the product.</summary>
public class PracticeNameTests
{
    [Fact]
    public async Task TheHeaderAndTitles_NameThePracticeFromConfiguration_EscapedAsText()
    {
        // A site of its own: the setting is read when the site starts.
        using var site = new TestSite { Settings = new Dictionary<string, string> { ["Practice:Name"] = "  Riverside & <Co> Surgery " } };
        var patient = await site.SignedInAsync(Role.Patient, "named-practice-patient");

        foreach (var (client, url) in new[] { (site.Browser(), "/"), (site.Browser(), "/Account/SignIn"), (patient, "/Patient") })
        {
            var (_, html) = await Forms.GetAsync(client, url);
            Assert.Matches("<title>([^<]* &#x2013; )?Riverside &amp; &lt;Co&gt; Surgery</title>", html);
            Assert.Contains("<span class=\"nhsuk-header__service-name\">Riverside &amp; &lt;Co&gt; Surgery</span>", html);
            Assert.DoesNotContain("HistoryEngine</", html);
            Assert.DoesNotContain("&#x2013; HistoryEngine", html);
        }
    }

    [Fact]
    public void NoNameConfigured_SaysYourGpPractice_AndALongNameIsCut()
    {
        var empty = new ConfigurationBuilder().Build();
        var tooLong = new ConfigurationBuilder()
            .AddInMemoryCollection([new("Practice:Name", new string('x', Practice.MaxLength + 1))]).Build();

        Assert.Equal("Your GP practice", Practice.From(empty).Name);
        Assert.Equal(Practice.MaxLength, Practice.From(tooLong).Name.Length);
    }
}
