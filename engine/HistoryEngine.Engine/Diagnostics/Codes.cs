namespace HistoryEngine.Diagnostics;

/// <summary>
/// Every diagnostic the engine reports, in one place. Codes are stable: tests and authors rely on them.
/// HE10xx file and YAML, HE11xx questionnaire structure, HE13xx expressions, HE14xx templates,
/// HE15xx warnings, HE16xx codes written in files (SNOMED CT, LOINC, entry codings), HE20xx answers, HE30xx scenario
/// tests, HE40xx FHIR.
/// </summary>
public static class Codes
{
    private static DiagnosticDescriptor E(string code, string format) => new(code, DiagnosticSeverity.Error, format);
    private static DiagnosticDescriptor W(string code, string format) => new(code, DiagnosticSeverity.Warning, format);

    // File and YAML
    public static readonly DiagnosticDescriptor CannotRead = E("HE1001", "cannot read the file: {0}");
    public static readonly DiagnosticDescriptor FileTooLarge = E("HE1002", "the file is {0:N0} bytes; a questionnaire file may be at most {1:N0} bytes");
    public static readonly DiagnosticDescriptor YamlSyntax = E("HE1003", "YAML syntax error: {0}");
    public static readonly DiagnosticDescriptor TooDeep = E("HE1004", "the file is nested more than {0} levels deep");
    public static readonly DiagnosticDescriptor WrongNodeKind = E("HE1005", "'{0}' must be {1}, not {2}");
    public static readonly DiagnosticDescriptor UnknownKey = E("HE1006", "unknown key '{0}' in {1}{2}");
    public static readonly DiagnosticDescriptor MissingKey = E("HE1007", "'{1}' is missing from {0}");
    public static readonly DiagnosticDescriptor DuplicateKey = E("HE1008", "the key '{0}' is given twice");
    public static readonly DiagnosticDescriptor InvalidValue = E("HE1009", "'{0}' is not a valid {1}; expected {2}");
    public static readonly DiagnosticDescriptor EmptyDocument = E("HE1010", "the file is empty");
    public static readonly DiagnosticDescriptor MultipleDocuments = E("HE1011", "the file holds more than one YAML document");
    public static readonly DiagnosticDescriptor AnchorsNotAllowed = E("HE1012", "YAML anchors and aliases are not allowed in questionnaire files");

    // Structure
    public static readonly DiagnosticDescriptor DuplicateId = E("HE1101", "the id '{0}' is already used at line {1}");
    public static readonly DiagnosticDescriptor OptionsNotAllowed = E("HE1102", "'{0}' is of type {1} and cannot have options");
    public static readonly DiagnosticDescriptor OptionsMissing = E("HE1103", "the choice item '{0}' has no options");
    public static readonly DiagnosticDescriptor DuplicateOption = E("HE1104", "the option code '{0}' is used twice in '{1}'");
    public static readonly DiagnosticDescriptor MinAboveMax = E("HE1105", "in '{0}' the minimum {1} is above the maximum {2}");
    public static readonly DiagnosticDescriptor GroupEmpty = E("HE1106", "the group '{0}' has no items");
    public static readonly DiagnosticDescriptor PropertyNotForType = E("HE1107", "'{0}' does not apply to the {1} item '{2}'");
    public static readonly DiagnosticDescriptor ExclusiveOnSingle = E("HE1108", "only a multiple choice item can have an exclusive option ('{0}')");
    public static readonly DiagnosticDescriptor UnknownPageItem = E("HE1109", "the page '{0}' lists '{1}', which is not a top-level item");
    public static readonly DiagnosticDescriptor ItemOnTwoPages = E("HE1110", "the item '{0}' is on more than one page");
    public static readonly DiagnosticDescriptor ItemOnNoPage = E("HE1111", "the item '{0}' is on no page");
    public static readonly DiagnosticDescriptor InvalidIdentifier = E("HE1112", "'{0}' is not a valid {1}: use letters, digits and underscores, starting with a letter");
    public static readonly DiagnosticDescriptor ReservedName = E("HE1113", "'{0}' is a reserved word and cannot be used as an id (docs/format.md lists them)");
    public static readonly DiagnosticDescriptor RuleWithoutSource = E("HE1114", "the rule '{0}' does not name its clinical source ('source')");
    public static readonly DiagnosticDescriptor IncludeNotFound = E("HE1115", "the included file '{0}' was not found");
    public static readonly DiagnosticDescriptor IncludeCycle = E("HE1116", "including '{0}' makes a loop: {1}");
    public static readonly DiagnosticDescriptor IncludeHasErrors = E("HE1117", "the included file '{0}' has errors");
    public static readonly DiagnosticDescriptor NameClash = E("HE1118", "the value '{0}' has the same name as an item at line {1}");
    public static readonly DiagnosticDescriptor CheckItemUnknown = E("HE1119", "the check '{0}' names the item '{1}', which does not exist");
    public static readonly DiagnosticDescriptor NarrativeFileNotFound = E("HE1120", "the narrative file '{0}' was not found");
    public static readonly DiagnosticDescriptor NarrativeTwice = E("HE1121", "give either 'narrative' or 'narrative_file', not both");
    public static readonly DiagnosticDescriptor IncludeInRepeat = E("HE1122", "a module cannot be included inside the repeating group '{0}'");
    public static readonly DiagnosticDescriptor InvalidVersion = E("HE1123", "'{0}' is not a version; use numbers such as 1.0.0");
    public static readonly DiagnosticDescriptor TooManyItems = E("HE1124", "the questionnaire has more than {0} items");
    public static readonly DiagnosticDescriptor ReasonNotAQuestion = E("HE1126", "'reason' names '{0}', which is not a top-level question of this file");
    public static readonly DiagnosticDescriptor CarerTextWithoutText = E("HE1127", "'carer_text' on '{0}', which has no 'text': a carer's wording stands in for the item's own words, so give 'text' too");
    public static readonly DiagnosticDescriptor WhoAnswersNotAChoice = E("HE1128", "'who_answers' names '{0}' as its item, which is not a top-level choice question of this file");
    public static readonly DiagnosticDescriptor WhoAnswersUnknownOption = E("HE1129", "'who_answers' says '{0}' means someone else, but it is not an option of '{1}' (its options are: {2})");
    public static readonly DiagnosticDescriptor InitialFromReadsAnswers = E("HE1131", "'initial_from' of '{0}' reads '{1}': a starting answer comes from what the practice knows (patient.*, last_value, last_date), not from other answers");
    public static readonly DiagnosticDescriptor WhoAnswersNameNotText = E("HE1130", "'who_answers' names '{0}' for the helper's name, which is not a top-level text question of this file");
    public static readonly DiagnosticDescriptor ValueInRepeat = E("HE1125", "'{0}' reads '{1}', an item inside the repeating group '{2}'; {3}");

    // Expressions
    public static readonly DiagnosticDescriptor ExpressionSyntax = E("HE1301", "expression syntax error: {0}");
    public static readonly DiagnosticDescriptor UnknownName = E("HE1302", "unknown name '{0}'{1}");
    public static readonly DiagnosticDescriptor TypeMismatch = E("HE1303", "{0}");
    public static readonly DiagnosticDescriptor UnknownOption = E("HE1304", "'{0}' is not an option of '{1}' (its options are: {2})");
    public static readonly DiagnosticDescriptor UnknownFunction = E("HE1305", "unknown function '{0}'");
    public static readonly DiagnosticDescriptor ArgumentCount = E("HE1306", "'{0}' takes {1}, not {2}");
    public static readonly DiagnosticDescriptor UnsupportedSyntax = E("HE1307", "{0} is not supported in expressions{1}");
    public static readonly DiagnosticDescriptor Cycle = E("HE1308", "these depend on each other in a loop: {0}");
    public static readonly DiagnosticDescriptor NotBoolean = E("HE1309", "{0} must be true or false, but this expression gives {1}");
    public static readonly DiagnosticDescriptor ExpressionTooComplex = E("HE1310", "the expression is nested more than {0} levels deep");
    public static readonly DiagnosticDescriptor NoMember = E("HE1311", "'{0}' has no '{1}'{2}");
    public static readonly DiagnosticDescriptor NullLiteral = E("HE1312", "null is not a value in expressions: to test for an answer use answered({0}) or !answered({0})");
    public static readonly DiagnosticDescriptor NoScores = E("HE1313", "score() needs scores on the options of '{0}'");
    public static readonly DiagnosticDescriptor WordOperator = E("HE1314", "'{0}' is not an operator here: write {1}");
    public static readonly DiagnosticDescriptor EmptyExpression = E("HE1315", "the expression is empty");
    public static readonly DiagnosticDescriptor NumberOutOfRange = E("HE1316", "the number {0} is too large or too precise for a questionnaire");

    // Templates
    public static readonly DiagnosticDescriptor TemplateSyntax = E("HE1401", "template syntax error: {0}");
    public static readonly DiagnosticDescriptor TemplateUnsupported = E("HE1402", "{0} is not supported in templates");

    // Warnings
    public static readonly DiagnosticDescriptor UnsupportedFeature = W("HE1501", "{0} is not supported and is ignored");
    public static readonly DiagnosticDescriptor NeverEnabled = W("HE1502", "{0}");

    // Codes written in files: SNOMED CT ids and LOINC codes are checked where they are written, and an entry's codings
    public static readonly DiagnosticDescriptor SnomedMalformed = E("HE1601", "'{0}' is not a SNOMED CT id: an id is 6 to 18 digits and does not start with 0{1}");
    public static readonly DiagnosticDescriptor SnomedCheckDigit = E("HE1602", "SNOMED CT id {0} fails its check digit: a digit is wrong or two are swapped; look the code up again (changing the last digit would give a different code, not the right one)");
    public static readonly DiagnosticDescriptor SnomedNotConcept = E("HE1603", "SNOMED CT id {0} is {1} (partition {2}), not a concept: {3} must be a concept id (partition 00 or 10)");
    public static readonly DiagnosticDescriptor LoincMalformed = E("HE1604", "'{0}' is not a LOINC code: a LOINC code is a number, a hyphen and a check digit (44261-6), or an answer or part code (LA6568-5){1}");
    public static readonly DiagnosticDescriptor LoincCheckDigit = E("HE1605", "LOINC code {0} fails its check digit: a digit is wrong or two are swapped; look the code up again (changing the last digit would give a different code, not the right one)");
    public static readonly DiagnosticDescriptor SystemMisspelt = E("HE1606", "'{0}' is not how FHIR names {1}: write {2}");
    public static readonly DiagnosticDescriptor EntryCodingTwice = E("HE1607", "'{0}' cannot be given with 'codings': an entry has either one coding (system, code, display) or a 'codings' list, the first of which is its primary coding");
    public static readonly DiagnosticDescriptor EntryCodingsEmpty = E("HE1608", "'codings' is empty: give at least one coding (system, code, display)");
    public static readonly DiagnosticDescriptor CodingTwice = E("HE1609", "the coding {0}|{1} is already given at line {2}");

    // Answers (reported per item at run time)
    public static readonly DiagnosticDescriptor AnswerWrongType = E("HE2001", "{0}");
    public static readonly DiagnosticDescriptor AnswerBelowMin = E("HE2002", "{0}");
    public static readonly DiagnosticDescriptor AnswerAboveMax = E("HE2003", "{0}");
    public static readonly DiagnosticDescriptor AnswerTooLong = E("HE2004", "{0}");
    public static readonly DiagnosticDescriptor AnswerTooPrecise = E("HE2005", "{0}");
    public static readonly DiagnosticDescriptor AnswerUnknownOption = E("HE2006", "{0}");
    public static readonly DiagnosticDescriptor AnswerExclusive = E("HE2007", "{0}");
    public static readonly DiagnosticDescriptor AnswerUnknownItem = E("HE2008", "{0}");
    public static readonly DiagnosticDescriptor AnswerTooFew = E("HE2009", "{0}");
    public static readonly DiagnosticDescriptor AnswerTooMany = E("HE2010", "{0}");
    public static readonly DiagnosticDescriptor CheckFailed = E("HE2011", "{0}");
    public static readonly DiagnosticDescriptor AnswerNotAQuestion = E("HE2012", "{0}");

    // Scenario tests
    public static readonly DiagnosticDescriptor ScenarioQuestionnaireMissing = E("HE3001", "the questionnaire '{0}' for these scenarios was not found");
    public static readonly DiagnosticDescriptor ScenarioInvalid = E("HE3002", "{0}");
    public static readonly DiagnosticDescriptor ScenarioFailed = E("HE3003", "scenario '{0}': {1}");

    // Authoring safety (issue 13): the patient's context, answers nothing reads, symptoms now, scenarios that cannot
    // pass by accident. Numbered apart from the blocks above (HE114x, HE134x, HE154x, HE30xx) so that codes others add
    // at the ends of those blocks do not collide with these.
    public static readonly DiagnosticDescriptor PatientFieldUnknown = E("HE1340", "the patient's context has no '{0}' (it holds {2}){1}");
    public static readonly DiagnosticDescriptor PatientAlone = E("HE1341", "'patient' is the patient's context: name one of its fields ({0}), such as patient.age");
    public static readonly DiagnosticDescriptor PatientContextInvalid = E("HE3004", "{0}");
    public static readonly DiagnosticDescriptor AnswerNotRegistered = E("HE3005", "the answer to '{0}' did not register: {1}");
    public static readonly DiagnosticDescriptor AnswerCountsNowhere = E("HE3006", "the answer to '{0}' counts nowhere: '{1}' is not enabled in this scenario; answer what enables it, or list '{1}' under expect: disabled if that is what the scenario shows");
    public static readonly DiagnosticDescriptor NotIsoTime = E("HE3007", "{0}");
    public static readonly DiagnosticDescriptor RuleNotAtThreshold = W("HE3008", "no scenario puts the rule '{0}' at its threshold: add one that only just fires it, marked threshold: {0}");
    public static readonly DiagnosticDescriptor RuleNotUnderThreshold = W("HE3009", "no scenario puts the rule '{0}' just under its threshold: add one with the nearest answers that must not fire it (the neighbouring option, the same symptom outside its time window), marked under: {0}");
    public static readonly DiagnosticDescriptor ReviewOnlyWithoutReason = E("HE1140", "'review_only' needs a reason: say why the answer to '{0}' is only for the clinician to read, such as review_only: \"the GP reads it in the narrative\"");
    public static readonly DiagnosticDescriptor SymptomNowNotForType = E("HE1141", "'symptom_now' {0}");
    public static readonly DiagnosticDescriptor SymptomNowRaisesNothing = E("HE1142", "{0} is marked symptom_now, but no rule is certain to fire on that answer alone, whatever the other answers are{1}");
    public static readonly DiagnosticDescriptor SymptomNowInRepeat = E("HE1143", "'symptom_now' cannot be used inside the repeating group '{0}': a rule reads such an answer only through an aggregate over every instance");
    public static readonly DiagnosticDescriptor UnreadAnswer = W("HE1540", "nothing reads the answer to '{0}': no rule, value, check, entry or enable_when uses it{1}; use it, or say why only the clinician reads it with review_only: \"reason\"");
    public static readonly DiagnosticDescriptor EntryRangeMissing = W("HE1542", "the entry '{0}' has a number value but no min and max: say what a clinician may file (for example min: 0, max: 27 for a PHQ-9 total), or any number can be filed");
    public static readonly DiagnosticDescriptor EntryRangeNotNumber = E("HE1160", "the entry '{0}' has min or max, but its value is {1}, not a number");
    public static readonly DiagnosticDescriptor EntryRangeBackwards = E("HE1161", "the entry '{0}' has min {1} above max {2}");
    public static readonly DiagnosticDescriptor EntryTakenNotDate = E("HE1162", "the 'taken' of the entry '{0}' is {1}, not a date (for a date and time, write date(...))");
    public static readonly DiagnosticDescriptor ReviewOnlyNotNeeded = W("HE1541", "'{0}' is marked review_only, but {1}: remove review_only");

    // FHIR R4 questionnaires (errors HE40xx, warnings HE405x)
    public static readonly DiagnosticDescriptor FhirJsonSyntax = E("HE4001", "JSON syntax error: {0}");
    public static readonly DiagnosticDescriptor FhirNotAQuestionnaire = E("HE4002", "{0}");
    public static readonly DiagnosticDescriptor FhirWrongVersion = E("HE4003", "{0} is FHIR {1} content; only FHIR R4 (4.0.1) is read{2}");
    public static readonly DiagnosticDescriptor FhirUnknownElement = E("HE4004", "'{0}' is not an element of an R4 {1}");
    public static readonly DiagnosticDescriptor FhirWrongKind = E("HE4005", "'{0}' must be {1}, not {2}");
    public static readonly DiagnosticDescriptor FhirMissing = E("HE4006", "{0} needs '{1}'");
    public static readonly DiagnosticDescriptor FhirUnknownLinkId = E("HE4007", "the enableWhen question '{0}' is not a linkId in this questionnaire{1}");
    public static readonly DiagnosticDescriptor FhirPathSyntax = E("HE4008", "FHIRPath syntax error: {0}");
    public static readonly DiagnosticDescriptor FhirModifierExtension = E("HE4009", "the modifier extension '{0}' is not understood; a modifier changes what the questionnaire means, so it cannot be used");
    public static readonly DiagnosticDescriptor FhirInvalidValue = E("HE4010", "'{0}' is not a valid {1}");
    public static readonly DiagnosticDescriptor FhirValueSetNotContained = E("HE4011", "the value set '{0}' is not contained in this questionnaire");
    public static readonly DiagnosticDescriptor FhirDuplicateLinkId = E("HE4012", "the linkId '{0}' is already used at line {1}");
    public static readonly DiagnosticDescriptor FhirResponseMismatch = E("HE4013", "{0}");
    public static readonly DiagnosticDescriptor FhirUnsupported = W("HE4050", "{0}");
    public static readonly DiagnosticDescriptor FhirUnknownExtension = W("HE4051", "the extension '{0}' is not understood and is ignored{1}");
    public static readonly DiagnosticDescriptor FhirOpenChoice = W("HE4052", "'{0}' is an open-choice item: it is read as a choice, so an answer that is not one of its options is refused");
    public static readonly DiagnosticDescriptor FhirApproximated = W("HE4053", "{0}");
    public static readonly DiagnosticDescriptor FhirExternalValueSet = W("HE4054", "the value set '{0}' is not in the file and cannot be expanded offline: '{1}' takes its codes as text");
    public static readonly DiagnosticDescriptor FhirResponseCanonical = W("HE4056", "the response is for the questionnaire '{0}', but this questionnaire is '{1}'");
    public static readonly DiagnosticDescriptor FhirInitialMismatch = W("HE4055", "the initial value of '{0}' is {1}, which does not fit {2}, and is left out");

    // FHIR R4 / SDC, added for issue 18 (kept together to merge cleanly)
    public static readonly DiagnosticDescriptor FhirUndefinedVariable = E("HE4014", "'%{0}' is not a variable, launch context or FHIRPath name defined here{1}");

    // Care plans (kind: care-plan, issue 19): HE17xx
    public static readonly DiagnosticDescriptor CarePlanUnknownCode = E("HE1701", "'{0}' is not a code this care plan declares under 'codes'{1}");
    public static readonly DiagnosticDescriptor CarePlanWithoutSource = E("HE1702", "{0} '{1}' has no source: name the NICE guideline or CKS topic, or write 'local decision' and why");
    public static readonly DiagnosticDescriptor CarePlanWrongType = E("HE1703", "{0} must be {1}, not {2}");
    public static readonly DiagnosticDescriptor CarePlanUnknownQuestionnaire = E("HE1704", "the questionnaire '{0}' {1}");
    public static readonly DiagnosticDescriptor CarePlanNotAPlan = E("HE1705", "a care plan file (NAME.care-plan.yaml) must say 'kind: care-plan'{0}");
    public static readonly DiagnosticDescriptor CarePlanUnknownRule = E("HE1706", "the questionnaire '{0}' has no rule '{1}'{2}");
    public static readonly DiagnosticDescriptor CarePlanUnknownLevel = E("HE1707", "'{0}' is not a flag level; use emergency, urgent, soon or routine");
    public static readonly DiagnosticDescriptor CarePlanBadCode = E("HE1708", "the code name '{0}' {1}");
    public static readonly DiagnosticDescriptor CarePlanRecord = E("HE1709", "{0}");
    public static readonly DiagnosticDescriptor CarePlanCodeValue = E("HE1710", "the code '{0}' {1}");
}
