using HistoryEngine.Runtime;
using HistoryEngine.Web.Features.Shared;
using HistoryEngine.Web.Features.Shared.Answering;
using HistoryEngine.Web.Infrastructure.Questionnaires;
using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;

namespace HistoryEngine.Web.Features.Journey;

/// <summary>
/// One page of questions. Every Continue saves the draft (compare-and-set on its revision), so the patient can
/// stop and carry on anywhere; a page saved meanwhile from another tab or device is detected, and what the
/// patient typed here is shown again on top of the newer answers for them to check, never silently dropped.
/// </summary>
public sealed class QuestionModel(SubjectAccess access, QuestionnaireCatalog catalog, IRecordStore store, TimeProvider clock)
    : JourneyPageModel(access, catalog, store, clock)
{
    public Page CurrentPage { get; private set; } = null!;
    public List<Field> Fields { get; private set; } = [];
    public Dictionary<string, string> Errors { get; private set; } = [];
    public bool SavedElsewhere { get; private set; }
    public string? RemoveInstance { get; private set; }
    public string? BackUrl { get; private set; }
    /// <summary>Where the patient is, in a measure that never grows as answers bring in pages ("Section 2 of 3: Your
    /// symptoms", or "Page 3 of 7" counting every page of a file without sections).</summary>
    public string Position { get; private set; } = "";

    /// <summary>The page's one question, whose words are the page's heading; null on a page of several.</summary>
    public Field? HeadingQuestion { get; private set; }

    /// <summary>The questions an answer on this page has just brought onto it, which the page names at the top.</summary>
    public List<string> Revealed { get; private set; } = [];

    /// <summary>The page's heading: its one question, or else its title.</summary>
    public string Heading => HeadingQuestion is { } q ? AnswerText.Question(q.Item, q.ForCarer) : PageTitles.Of(Journey.Questionnaire, CurrentPage);

    /// <summary>The errors in the order of the fields on the page, each linking to its field.</summary>
    public ErrorLinks ErrorLinks => ErrorLinks.ForFields([.. Walk(Fields)], Errors);

    /// <summary>The urgent flags' words for the patient, shown as soon as a rule fires.</summary>
    public IEnumerable<Flag> Urgent => Journey.Session.Flags.Where(f => f.Level == Definitions.FlagLevel.Urgent);

    public async Task<IActionResult> OnGetAsync(string subject, string questionnaireId, string pageId, string? edit,
        string? remove, CancellationToken ct)
    {
        if (await LoadAsync(subject, questionnaireId, ct) is { } refused)
            return refused;
        if (Redirection(pageId) is { } elsewhere)
            return elsewhere;
        RemoveInstance = remove is not null && AnswerPaths.IsOnPage(Journey.Questionnaire, remove, RootIds)
                         && AnswerPaths.IsReachable(Journey.Session, remove) && AnswerPaths.IsExistingInstance(Journey.Session, remove)
            ? remove : null;
        Show(posted: null, errors: [], edit);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string subject, string questionnaireId, string pageId, long revision,
        string? action, AnswerPath? remove, CancellationToken ct)
    {
        if (await LoadAsync(subject, questionnaireId, ct) is { } refused)
            return refused;
        if (Journey.Questionnaire.Pages.FirstOrDefault(p => p.Id == pageId) is not { } page)
            return NotFound();
        CurrentPage = page;
        var posted = new PostedAnswers(Request.Form);
        posted.Apply(Journey.Session, RootIds);
        Remove(remove);

        SavedElsewhere = revision != Journey.Revision;
        if (!SavedElsewhere && RefuseOverLimits(posted) is { } refusedToSave)
            return refusedToSave;
        if (!SavedElsewhere)
        {
            try { await Journey.SaveAsync(Store, revision, ct); }
            catch (RecordConflictException) { SavedElsewhere = true; }
            catch (RecordTooLargeException)
            {
                var tooLarge = PageProblems.Errors(Journey.Session, RootIds, posted.FormErrors);
                tooLarge[""] = Shared.Answering.Journey.TooLargeToSave;
                Show(posted, tooLarge, edit: null);
                return Page();
            }
        }
        if (SavedElsewhere)
        {
            // Show the newer answers with this page's typed answers on top; the next Continue saves them.
            Show(posted, PageProblems.Errors(Journey.Session, RootIds, posted.FormErrors), edit: null);
            return Page();
        }

        if (Journey.Session.Stopped)
        {
            var sent = await SendAsync(Journey.Draft!.Key, Journey.Draft.Revision, ct);
            return Redirect(JourneyUrls.Sent(Subject.Patient.Id, sent.Submission.Id));
        }

        if (action == "later")
            return Redirect(JourneyUrls.Home(Subject.Patient.Id, Subject.IsSelf) + "?saved=" + Uri.EscapeDataString(Journey.Questionnaire.Id));
        // Adding or removing one entry is not the moment to complain about the rest of the page.
        var continuing = action is null or "continue" && remove is null;
        var errors = PageProblems.Errors(Journey.Session, RootIds, posted.FormErrors,
            continuing ? Request.Form["shown"].OfType<string>() : null);
        if (!continuing)
            foreach (var path in errors.Keys.Where(p => Journey.Questionnaire.GetItem(AnswerPaths.ItemId(p))?.IsRepeating == true).ToList())
                errors.Remove(path);
        Show(posted, errors, edit: null);
        // Only the page's own form lists what it showed (the "remove" confirmation does not).
        Revealed = Request.Form.ContainsKey("shown") ? NewlyShown(Request.Form["shown"].OfType<string>().ToHashSet(StringComparer.Ordinal)) : [];
        if (errors.Count > 0 || Revealed.Count > 0)
            return Page();
        if (!continuing)
            return Redirect(PageUrl(page.Id));
        return Journey.Session.NextPage(page.Id) is { } next ? Redirect(PageUrl(next.Id)) : Redirect(CheckUrl);
    }

    /// <summary>Nothing over a limit is saved, whichever button was pressed (Continue, "Save and finish later", add or
    /// remove an entry): an answer longer than its question allows is shown back with its message. An emergency
    /// still goes to the practice at once, without the over-long text.</summary>
    private IActionResult? RefuseOverLimits(PostedAnswers posted)
    {
        var overLong = Journey.OverLongAnswers(RootIds);
        if (overLong.Count == 0)
            return null;
        if (Journey.Session.Stopped)
        {
            foreach (var path in overLong)
                Journey.Session.SetAnswer(path, null);
            return null;
        }
        Show(posted, PageProblems.Errors(Journey.Session, RootIds, posted.FormErrors), edit: null);
        return Page();
    }

    private IReadOnlySet<string> RootIds => CurrentPage.ItemIds.ToHashSet(StringComparer.Ordinal);

    private IActionResult? Redirection(string pageId)
    {
        var session = Journey.Session;
        if (Journey.Questionnaire.Pages.FirstOrDefault(p => p.Id == pageId) is not { } page)
            return NotFound();
        if (session.Stopped)
            return Redirect(CheckUrl);
        if (!session.EnabledPages.Contains(page))
            return Redirect(session.NextPage(page.Id) is { } next ? PageUrl(next.Id) : CheckUrl);
        CurrentPage = page;
        return null;
    }

    /// <summary>Adding happens while answers are applied; removing an instance is asked for by its path (the
    /// <c>remove</c> button's value, bound as an <see cref="AnswerPath"/>: a malformed one binds to nothing).</summary>
    private void Remove(AnswerPath? instance)
    {
        if (instance is not { IsInstance: true } || !AnswerPaths.IsOnPage(Journey.Questionnaire, instance.Format(), RootIds))
            return;
        Journey.Session.RemoveInstance(instance.Group!.Format(), instance.Steps[^1].Index!.Value);
    }

    private void Show(PostedAnswers? posted, Dictionary<string, string> errors, string? edit)
    {
        Errors = errors;
        Fields = new FieldBuilder(Journey.Session, posted, errors, edit, forCarer: !Subject.IsSelf).Build(CurrentPage.ItemIds);
        Position = Progress(Journey.Questionnaire, CurrentPage);
        HeadingQuestion = Fields is [{ Definition.IsAnswerable: true, IsCalculated: false } only] && only.Type != Definitions.ItemType.Group ? only : null;
        if (HeadingQuestion is not null)
            HeadingQuestion.IsPageHeading = true;
        BackUrl = Journey.Session.PreviousPage(CurrentPage.Id) is { } previous ? PageUrl(previous.Id) : StartUrl;
    }

    /// <summary>The questions the patient has not seen that appeared on this page because of an answer here (an
    /// "add another" list included: "Do you take medicines? Yes" brings the list of medicines).</summary>
    private List<string> NewlyShown(HashSet<string> shown) => [.. Walk(Fields).Where(f =>
            (f.Definition.IsAnswerable || f.Item.IsRepeating) && !shown.Contains(f.Path) && !AnswerPaths.IsNewInstance(Journey.Session, f.Path))
        .Select(f => AnswerText.Question(f.Item, f.ForCarer))];

    /// <summary>A steady measure of progress: the page's section among the file's sections, or the page among all the
    /// file's pages, shown or not (skipped pages make it jump forward, never back, and the count never grows).</summary>
    public static string Progress(CompiledQuestionnaire q, Page page)
    {
        var sections = q.Pages.Select(p => p.Section).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (page.Section is { } section && sections.IndexOf(section) is var at and >= 0)
            return $"Section {at + 1} of {sections.Count}: {section}";
        var pages = q.Pages.ToList();
        return $"Page {pages.IndexOf(page) + 1} of {pages.Count}";
    }

    private static IEnumerable<Field> Walk(IEnumerable<Field> fields) =>
        fields.SelectMany(f => new[] { f }.Concat(Walk(f.Children)).Concat(Walk(f.Instances.Where(i => i.Editing).SelectMany(i => i.Fields))));
}
