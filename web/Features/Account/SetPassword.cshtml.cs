using HistoryEngine.Web.Infrastructure.Records;
using HistoryEngine.Web.Infrastructure.Records.Model;
using HistoryEngine.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HistoryEngine.Web.Features.Account;

/// <summary>
/// Where a one-time link from the practice opens: the holder chooses a password (a new account's first, or a new one
/// after a reset). The token is the only authority, so the page is open to anyone with it; it works once, until it
/// expires, and only if no newer link was made. Using it is audited, and so is every refused use.
/// </summary>
[AllowAnonymous]
public sealed class SetPasswordModel(IRecordStore store, IPasswordHasher<Person> hasher, TimeProvider clock) : PageModel
{
    /// <summary>The shortest password accepted (a local decision, after the NCSC's advice to favour length over
    /// complexity rules); the longest is the sign-in form's.</summary>
    public const int MinLength = 8;
    public const int MaxLength = 1000;

    public enum State { Open, Closed, Done }

    public State Now { get; private set; }
    public AccountLinkPurpose Purpose { get; private set; }
    public string? UserName { get; private set; }
    public List<(string Field, string Message)> Errors { get; } = [];
    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field).Message;

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct) =>
        await LoadAsync(token, ct) is { } closed ? closed : Page();

    public async Task<IActionResult> OnPostAsync(string token, string? password, string? confirm, CancellationToken ct)
    {
        if (await LoadAsync(token, ct) is { } closed)
            return closed;
        if (string.IsNullOrEmpty(password))
            Errors.Add(("password", "Enter a password"));
        else if (password.Length < MinLength)
            Errors.Add(("password", $"Password must be {MinLength} characters or more"));
        else if (password.Length > MaxLength)
            Errors.Add(("password", $"Password must be {MaxLength} characters or fewer"));
        else if (string.IsNullOrEmpty(confirm))
            Errors.Add(("confirm", "Enter the password again"));
        else if (confirm != password)
            Errors.Add(("confirm", "The passwords do not match: enter the same password twice"));
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var hash = AccountLinkTokens.Hash(token);
        try
        {
            await store.WriteAsync(w =>
            {
                var (person, link) = w.UseAccountLink(hash, hasher.HashPassword(null!, password!));
                w.AppendAudit(new AuditEntry(person.Id, AccountLinkTokens.UsedAction, person.Role == Role.Patient ? person.Id : null,
                    $"{link.Purpose} link {link.Id}: password set"));
                return person;
            }, ct);
        }
        catch (RecordConflictException e) when (e.Kind == ConflictKind.LinkClosed)
        {
            // Used or replaced between showing the form and sending it.
            return await ClosedAsync(await store.FindAccountLinkAsync(hash, ct), ct);
        }
        Now = State.Done;
        return Page();
    }

    /// <summary>Null when the link is open (and the page's fields are set); otherwise the page saying it is not.</summary>
    private async Task<IActionResult?> LoadAsync(string token, CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        var link = string.IsNullOrEmpty(token) || token.Length > 200 ? null : await store.FindAccountLinkAsync(AccountLinkTokens.Hash(token), ct);
        if (link is null || !link.IsOpen(clock.GetUtcNow()))
            return await ClosedAsync(link, ct);
        Purpose = link.Purpose;
        UserName = (await store.GetPersonAsync(link.PersonId, ct))?.UserName;
        Now = State.Open;
        return null;
    }

    private async Task<IActionResult> ClosedAsync(AccountLink? link, CancellationToken ct)
    {
        // A link that was never issued and one that is spent get the same page and status: the page gives nothing away.
        await store.AppendAuditAsync(new AuditEntry("unknown", AccountLinkTokens.RefusedAction, null,
            link is null ? "no such link" : $"{link.Purpose} link {link.Id}: " +
                (link.UsedAt is not null ? "used already" : link.CancelledAt is not null ? "replaced by a newer link" : "expired")), ct);
        Now = State.Closed;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
