namespace HistoryEngine.Fhir;

/// <summary>
/// The R4 elements the reader knows, the extension URLs it understands, and the elements that give away content
/// of another FHIR version. An element that is in none of these lists is an error: it is not R4.
/// </summary>
internal static class FhirElements
{
    public static readonly HashSet<string> Questionnaire =
    [
        "resourceType", "id", "meta", "implicitRules", "language", "text", "contained", "extension", "modifierExtension",
        "url", "identifier", "version", "name", "title", "derivedFrom", "status", "experimental", "subjectType", "date",
        "publisher", "contact", "description", "useContext", "jurisdiction", "purpose", "copyright", "approvalDate",
        "lastReviewDate", "effectivePeriod", "code", "item",
    ];

    public static readonly HashSet<string> Item =
    [
        "id", "extension", "modifierExtension", "linkId", "definition", "code", "prefix", "text", "type", "enableWhen",
        "enableBehavior", "required", "repeats", "readOnly", "maxLength", "answerValueSet", "answerOption", "initial", "item",
    ];

    public static readonly HashSet<string> EnableWhen =
    [
        "id", "extension", "modifierExtension", "question", "operator", "answerBoolean", "answerDecimal", "answerInteger",
        "answerDate", "answerDateTime", "answerTime", "answerString", "answerCoding", "answerQuantity", "answerReference",
    ];

    public static readonly HashSet<string> AnswerOption =
    [
        "id", "extension", "modifierExtension", "valueInteger", "valueDate", "valueTime", "valueString", "valueCoding",
        "valueReference", "initialSelected",
    ];

    public static readonly HashSet<string> Initial =
    [
        "id", "extension", "modifierExtension", "valueBoolean", "valueDecimal", "valueInteger", "valueDate", "valueDateTime",
        "valueTime", "valueString", "valueUri", "valueAttachment", "valueCoding", "valueQuantity", "valueReference",
    ];

    public static readonly HashSet<string> ItemTypes =
    [
        "group", "display", "boolean", "decimal", "integer", "date", "dateTime", "time", "string", "text", "url", "choice",
        "open-choice", "attachment", "reference", "quantity",
    ];

    /// <summary>Elements of STU3 (or earlier) questionnaires that R4 renamed or removed.</summary>
    public static readonly Dictionary<string, string> Stu3Markers = new(StringComparer.Ordinal)
    {
        ["option"] = "STU3", ["options"] = "STU3", ["hasAnswer"] = "STU3", ["initialBoolean"] = "STU3", ["initialDecimal"] = "STU3",
        ["initialInteger"] = "STU3", ["initialDate"] = "STU3", ["initialDateTime"] = "STU3", ["initialTime"] = "STU3",
        ["initialString"] = "STU3", ["initialUri"] = "STU3", ["initialCoding"] = "STU3", ["initialQuantity"] = "STU3",
        ["initialReference"] = "STU3", ["initialAttachment"] = "STU3", ["concept"] = "DSTU2", ["group"] = "DSTU2", ["question"] = "DSTU2",
    };

    /// <summary>Elements that R5 added.</summary>
    public static readonly Dictionary<string, string> R5Markers = new(StringComparer.Ordinal)
    {
        ["answerConstraint"] = "R5", ["disabledDisplay"] = "R5", ["versionAlgorithmString"] = "R5", ["versionAlgorithmCoding"] = "R5",
        ["copyrightLabel"] = "R5",
    };

    public const string Sdc = "http://hl7.org/fhir/uv/sdc/StructureDefinition/";
    public const string Core = "http://hl7.org/fhir/StructureDefinition/";
    public const string Variable = Core + "variable";
    public const string CalculatedExpression = Sdc + "sdc-questionnaire-calculatedExpression";
    public const string EnableWhenExpression = Sdc + "sdc-questionnaire-enableWhenExpression";
    public const string InitialExpression = Sdc + "sdc-questionnaire-initialExpression";
    public const string MinOccurs = Core + "questionnaire-minOccurs";
    public const string MaxOccurs = Core + "questionnaire-maxOccurs";
    public const string Unit = Core + "questionnaire-unit";
    public const string UnitOption = Core + "questionnaire-unitOption";
    public const string MinValue = Core + "minValue";
    public const string MaxValue = Core + "maxValue";
    public const string MaxDecimalPlaces = Core + "maxDecimalPlaces";
    public const string EntryFormat = Core + "entryFormat";
    public const string Hidden = Core + "questionnaire-hidden";
    public const string LaunchContext = Sdc + "sdc-questionnaire-launchContext";
    public const string AnswerExpression = Sdc + "sdc-questionnaire-answerExpression";
    public const string ObservationExtract = Sdc + "sdc-questionnaire-observationExtract";

    /// <summary>The engine's own extensions, which carry native features (values, checks, rules, entries) through FHIR.</summary>
    public const string EngineBase = "https://historyengine.example/fhir/";
    public const string Engine = EngineBase + "StructureDefinition/";
    public const string EngineLanguage = "text/x-historyengine";
}
