using HistoryEngine.Definitions;
using HistoryEngine.Runtime;

namespace HistoryEngine.Web.Features.Shared.Answering;

/// <summary>
/// Builds the fields of one page from the session: enabled items only, groups with their children, repeating groups
/// with their instances and a form for the next one. Input values come from <paramref name="posted"/> where the
/// patient just typed them (so nothing they typed is lost when a page is shown again), otherwise from the session.
/// With <paramref name="forCarer"/>, questions read in the file's carer wording where it gives one.
/// </summary>
public sealed class FieldBuilder(Session session, PostedAnswers? posted, IReadOnlyDictionary<string, string> errors,
    string? editing, bool forCarer = false)
{
    public List<Field> Build(IEnumerable<string> rootIds) =>
        [.. rootIds.Select(id => session.Questionnaire.GetItem(id)).OfType<ItemInfo>()
            .Select(item => Item(item, item.Id, instancePrefix: null)).OfType<Field>()];

    private Field? Item(ItemInfo item, string path, string? instancePrefix)
    {
        // A hidden item (FHIR questionnaire-hidden) is worked out and kept, but never shown to the patient.
        if (!session.IsEnabledAt(path) || item.Definition.Hidden)
            return null;
        var field = new Field { Item = item, Path = path, Error = errors.GetValueOrDefault(path), ForCarer = forCarer };
        if (item.IsRepeating)
            AddInstances(field);
        else if (item.Type == ItemType.Group)
            field.Children.AddRange(item.Children.Select(c => Item(c, AnswerPaths.Child(instancePrefix, c), instancePrefix)).OfType<Field>());
        else
            Fill(field);
        return field;
    }

    private void AddInstances(Field group)
    {
        var count = session.InstanceCount(group.Path);
        for (var k = 0; k < count; k++)
        {
            var prefix = AnswerPaths.Instance(group.Path, k);
            var fields = group.Item.Children.Select(c => Item(c, AnswerPaths.Child(prefix, c), prefix)).OfType<Field>().ToList();
            var hasProblem = errors.Keys.Any(p => p.StartsWith(prefix + ".", StringComparison.Ordinal));
            group.Instances.Add(new Instance(k, prefix, fields, Editing: hasProblem || editing == prefix));
        }
        if (group.Definition.MaxCount is { } max && count >= max)
            return;
        group.NewIndex = count;
        // The instance being added: questions shown only under a condition appear once it is added.
        var next = AnswerPaths.Instance(group.Path, count);
        foreach (var child in group.Item.Children.Where(c => c.Definition.EnableWhen is null && !c.Definition.Hidden))
        {
            var field = new Field { Item = child, Path = AnswerPaths.Child(next, child), Error = errors.GetValueOrDefault(AnswerPaths.Child(next, child)), ForCarer = forCarer };
            if (child.Type is not (ItemType.Group or ItemType.Display))
                posted?.FillField(field);
            group.Children.Add(field);
        }
    }

    private void Fill(Field field)
    {
        if (!field.Definition.IsQuestion)
            return;
        field.Answer = session.GetAnswer(field.Path);
        if (posted is not null && posted.FillField(field))
            return;
        AnswerInputs.FromAnswer(field, field.Answer);
    }
}
