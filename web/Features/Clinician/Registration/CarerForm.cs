using System.Globalization;
using HistoryEngine.Web.Infrastructure.Time;

namespace HistoryEngine.Web.Features.Clinician.Registration;

/// <summary>
/// What the practice records when it lets a carer act for a patient: what the carer may do, until when, and that the
/// practice has checked they may (the patient agreed, the carer has legal authority, or for a child, parental
/// responsibility). For a new carer account, also their name and user name (and optionally how to contact them).
/// Each problem is kept against its field's id, in the NHS.UK error message style.
/// </summary>
public sealed class CarerForm
{
    public string? Name { get; set; }
    public string? UserName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    /// <summary>An existing carer account's user name (when not registering a new one).</summary>
    public string? CarerUserName { get; set; }
    public bool CanFill { get; set; }
    public bool CanViewRecord { get; set; }
    public string? EndDay { get; set; }
    public string? EndMonth { get; set; }
    public string? EndYear { get; set; }
    public bool Confirmed { get; set; }

    public List<(string Field, string Message)> Errors { get; } = [];

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field).Message;

    /// <summary>The longest end date the practice can give: access is reviewed at least this often (a local decision).</summary>
    public const int MaxYears = 5;

    /// <summary>Checks the grant's fields; the end (the start of that day in UK time, or null for none) when all are right.</summary>
    public (bool Ok, DateTimeOffset? EndsAt) CheckGrant(DateOnly today)
    {
        if (!CanFill && !CanViewRecord)
            Errors.Add(("CanFill", "Select what the carer can do"));
        DateTimeOffset? ends = null;
        var (d, m, y) = (Clean(EndDay), Clean(EndMonth), Clean(EndYear));
        if (d is not null || m is not null || y is not null)
        {
            if (DateBoxes.Missing(d, m, y) is { } part)
                Errors.Add(($"end-{part}", $"The date access ends must include a {part}"));
            else if (DateBoxes.Real(d!, m!, y!) is not { } date)
                Errors.Add(("end-day", "The date access ends must be a real date, for example 31 3 2027"));
            else if (date <= today)
                Errors.Add(("end-day", "The date access ends must be in the future"));
            else if (date > today.AddYears(MaxYears))
                Errors.Add(("end-day", $"The date access ends must be within {MaxYears} years: review it then"));
            else
                ends = UkTime.StartOf(date);
        }
        if (!Confirmed)
            Errors.Add(("Confirmed", "Confirm that you have checked the carer may act for the patient"));
        return (Errors.Count == 0, ends);
    }

    /// <summary>Checks a new carer account's name, user name and contact details, as for a patient.</summary>
    public void CheckNewCarer()
    {
        var name = Clean(Name);
        if (name is null)
            Errors.Add(("name", "Enter the carer's full name"));
        else if (name.Length > PatientForm.MaxLength)
            Errors.Add(("name", $"Full name must be {PatientForm.MaxLength} characters or fewer"));
        var userName = Clean(UserName);
        if (userName is null)
            Errors.Add(("userName", "Enter a user name for the carer to sign in with"));
        else if (userName.Length is < 3 or > 100)
            Errors.Add(("userName", "User name must be between 3 and 100 characters"));
        else if (userName.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@')))
            Errors.Add(("userName", "User name must only include letters, numbers, full stops, hyphens, underscores and @"));
        if (Clean(Phone) is { } phone && !PatientForm.IsPhoneNumber(phone))
            Errors.Add(("phone", "Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192"));
        if (Clean(Email) is { } email && (email.Length > PatientForm.MaxLength || !PatientForm.IsEmail(email)))
            Errors.Add(("email", "Enter an email address in the correct format, like name@example.com"));
    }

    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
