using System.Globalization;
using System.Net.Mail;
using HistoryEngine.Runtime;
using HistoryEngine.Web.Infrastructure.Records.Model;

namespace HistoryEngine.Web.Features.Clinician.Registration;

/// <summary>
/// A patient's details as the practice types them (registering or editing), read and checked in one place: each
/// problem is kept against the id of the field it belongs to, in the NHS.UK error message style, and the checked
/// details come back as <see cref="PersonDetails"/> with the NHS number as its ten digits.
/// </summary>
public sealed class PatientForm
{
    public string? Name { get; set; }
    public string? UserName { get; set; }
    public string? DobDay { get; set; }
    public string? DobMonth { get; set; }
    public string? DobYear { get; set; }
    public string? NhsNumber { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    /// <summary>"Female", "Male", "Other", or "" for not known.</summary>
    public string? Sex { get; set; }

    /// <summary>Problems, each with the id of its field (the error summary links to it), in the order of the form.</summary>
    public List<(string Field, string Message)> Errors { get; } = [];

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field).Message;

    /// <summary>The longest name, user name, phone number and e-mail address accepted.</summary>
    public const int MaxLength = 200;

    /// <summary>The form filled in from what the store holds (for editing).</summary>
    public static PatientForm From(Person p) => new()
    {
        Name = p.DisplayName,
        UserName = p.UserName,
        DobDay = p.DateOfBirth?.Day.ToString(CultureInfo.InvariantCulture),
        DobMonth = p.DateOfBirth?.Month.ToString(CultureInfo.InvariantCulture),
        DobYear = p.DateOfBirth?.Year.ToString(CultureInfo.InvariantCulture),
        NhsNumber = p.NhsNumber is null ? null : Infrastructure.Records.Model.NhsNumber.Show(p.NhsNumber),
        Phone = p.Phone,
        Email = p.Email,
        Sex = p.Sex?.ToString() ?? "",
    };

    /// <summary>Checks every field (the user name too when <paramref name="withUserName"/>); the details when all
    /// are right, otherwise null with <see cref="Errors"/> filled in.</summary>
    public PersonDetails? Check(DateOnly today, bool withUserName)
    {
        Errors.Clear();
        var name = Clean(Name);
        if (name is null)
            Errors.Add(("name", "Enter the patient's full name"));
        else if (name.Length > MaxLength)
            Errors.Add(("name", $"Full name must be {MaxLength} characters or fewer"));

        if (withUserName)
        {
            var userName = Clean(UserName);
            if (userName is null)
                Errors.Add(("userName", "Enter a user name for the patient to sign in with"));
            else if (userName.Length is < 3 or > 100)
                Errors.Add(("userName", "User name must be between 3 and 100 characters"));
            else if (userName.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@')))
                Errors.Add(("userName", "User name must only include letters, numbers, full stops, hyphens, underscores and @"));
        }

        var dateOfBirth = CheckDateOfBirth(today);

        string? nhsDigits = null;
        if (Clean(NhsNumber) is { } nhsText)
        {
            if (Infrastructure.Records.Model.NhsNumber.Parse(nhsText, out var nhsError) is { } nhs)
                nhsDigits = nhs.Digits;
            else
                Errors.Add(("nhsNumber", nhsError ?? Infrastructure.Records.Model.NhsNumber.CheckError));
        }

        var phone = Clean(Phone);
        if (phone is not null && !IsPhoneNumber(phone))
            Errors.Add(("phone", "Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192"));

        var email = Clean(Email);
        if (email is not null && (email.Length > MaxLength || !IsEmail(email)))
            Errors.Add(("email", "Enter an email address in the correct format, like name@example.com"));

        PatientSex? sex = null;
        if (!string.IsNullOrEmpty(Sex))
        {
            if (Enum.TryParse<PatientSex>(Sex, ignoreCase: false, out var s) && Enum.IsDefined(s) && !char.IsDigit(Sex[0]))
                sex = s;
            else
                Errors.Add(("sex", "Select the patient's sex, or not known"));
        }

        return Errors.Count == 0 ? new PersonDetails(name!, email, phone, dateOfBirth, nhsDigits, sex) : null;
    }

    private DateOnly? CheckDateOfBirth(DateOnly today)
    {
        var (day, month, year) = (Clean(DobDay), Clean(DobMonth), Clean(DobYear));
        if (day is null && month is null && year is null)
        {
            Errors.Add(("dob-day", "Enter the patient's date of birth"));
            return null;
        }
        if (DateBoxes.Missing(day, month, year) is { } missing)
        {
            Errors.Add(($"dob-{missing}", $"Date of birth must include a {missing}"));
            return null;
        }
        if (DateBoxes.Real(day!, month!, year!) is not { } date)
        {
            Errors.Add(("dob-day", "Date of birth must be a real date, for example 27 3 1980"));
            return null;
        }
        if (date > today)
        {
            Errors.Add(("dob-day", "Date of birth must be today or in the past"));
            return null;
        }
        if (date.Year < 1900)
        {
            Errors.Add(("dob-year", "Year of birth must be 1900 or later"));
            return null;
        }
        return date;
    }

    /// <summary>A UK or international number as people write them: digits with spaces, hyphens or brackets, and a
    /// leading + for an international one; 10 to 15 digits.</summary>
    internal static bool IsPhoneNumber(string text)
    {
        if (text.Length > MaxLength || text.Any(c => !(char.IsAsciiDigit(c) || c is ' ' or '-' or '(' or ')' or '+')))
            return false;
        if (text.LastIndexOf('+') > 0)
            return false;
        var digits = text.Count(char.IsAsciiDigit);
        return digits is >= 10 and <= 15;
    }

    internal static bool IsEmail(string text) =>
        !text.Any(char.IsWhiteSpace) && text.IndexOf('@') is > 0 and var at && at < text.Length - 1
        && MailAddress.TryCreate(text, out var address) && address.Address == text;

    /// <summary>Trimmed, or null when empty or only spaces.</summary>
    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
