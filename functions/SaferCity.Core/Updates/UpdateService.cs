using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SaferCity.Core.Dashboard;
using SaferCity.Core.Model;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Reading;
using SaferCity.Core.Rules;

namespace SaferCity.Core.Updates;

/// <summary>A page to send back: the status code and the HTML.</summary>
public sealed record UpdateResponse(int Status, string Html)
{
    /// <summary>For a 429: when to try again, sent as Retry-After.</summary>
    public DateTimeOffset? RetryAt { get; init; }
}

/// <summary>
/// The update form behind a signed link, independent of any web framework: the Functions app and the CLI's
/// <c>serve</c> hand every request here. GET shows the form and changes nothing. POST checks the link, the form
/// and the input, then writes only what changed, conditional on the item's version when the form was shown;
/// each write is recorded in the private audit record.
/// </summary>
public sealed class UpdateService
{
    private readonly IUpdateTarget _target;
    private readonly IStateStore _state;
    private readonly UpdatesOptions _options;
    private readonly TrackerColumns _columns;
    private readonly TrackerParser _parser;
    private readonly TimeProvider _time;
    private readonly ILogger<UpdateService> _logger;
    private readonly UpdateLinkSigner? _signer;
    private readonly FormVersion? _versions;
    private readonly LinkAllowance _perLink;
    private readonly LinkAllowance _newLinks;
    private readonly SubmissionLimiter _perAddress;
    private readonly IEmailSender _email;

    public UpdateService(IUpdateTarget target, IStateStore state, IOptions<UpdatesOptions> options, IOptions<TrackerColumns> columns,
        TrackerParser parser, LinkSigning signing, UpdateLimits limits, IOptions<DashboardOptions> dashboard,
        IOptions<RemindersOptions> reminders, TimeProvider time, ILogger<UpdateService> logger, IEmailSender email)
    {
        (_target, _state, _options, _columns, _parser, _time, _logger, _email) =
            (target, state, options.Value, columns.Value, parser, time, logger, email);
        Page = PageContext.From(dashboard.Value, reminders.Value);
        (_signer, _versions) = (signing.Signer, signing.Versions);
        (_perLink, _newLinks, _perAddress) = (limits.PerLink, limits.NewLinks, limits.PerAddress);
    }

    /// <summary>The partnership, contact and statement every page carries.</summary>
    public PageContext Page { get; }

    /// <summary>A body larger than the endpoint reads. The browser's back button still has the text: the page says so.</summary>
    public UpdateResponse TooLarge() => Refuse(413, "Your update was too long to send",
        $"The update was larger than this form accepts. Comments can be up to {UpdatePages.MaxCommentLength:N0} characters.",
        "Nothing was saved. Go back to the form, where your text should still be, shorten the comment and save again.");

    /// <summary>The tracker did not answer: nothing was changed by this attempt.</summary>
    public UpdateResponse Unavailable() => Refuse(503, "The tracker cannot be reached",
        "The update could not be read or saved because the tracker did not answer.",
        "Nothing was changed by this attempt: please try again in a few minutes.");

    public async Task<UpdateResponse> ShowAsync(string? token, string clientAddress, CancellationToken cancellationToken)
    {
        var (refusal, context) = await OpenAsync(token, clientAddress, cancellationToken);
        return refusal ?? new UpdateResponse(200, UpdatePages.Form(Page, Model(context!), []));
    }

    public async Task<UpdateResponse> SubmitAsync(string? token, IReadOnlyDictionary<string, string> form, string clientAddress,
        CancellationToken cancellationToken)
    {
        var (refusal, context) = await OpenAsync(token, clientAddress, cancellationToken);
        if (refusal is not null) return refusal;
        var (_, link, item, action, lead) = context!;
        var linkId = UpdateLink.IdOf(token!);

        if (!await _perLink.TryTakeAsync(linkId, cancellationToken))
            return TooMany("Too many updates from this link", "This link has been used too many times in the last hour.");
        if (form.GetValueOrDefault("item") != link.ItemId)
        {
            _logger.LogWarning("Update refused: the form named another item than link {Link}", linkId);
            return Refuse(400, "This form does not match its link", "The form was sent for a different action than the link it came from.");
        }

        var current = Current(action);
        var (submitted, typed, errors) = Validate(form, current, item);
        // The version is the server's: one it sealed for this link and item, and still the item's. Anything else is a conflict.
        if (errors.Count == 0 && DeadlineMoveError(current, submitted) is { } moved) errors.Add(new("deadline", moved, ["day"]));
        var shown = _versions!.Open(form.GetValueOrDefault("version"), linkId, item.Id);
        if (shown is null || shown.ETag != item.ETag)
        {
            if (shown is null) _logger.LogWarning("Update not written: the form's version was not one this server sealed for link {Link}", linkId);
            return Conflict(context, shown, submitted, typed, errors);
        }
        if (errors.Count > 0)
            return new UpdateResponse(400, UpdatePages.Form(Page, Model(context) with { Values = submitted, DeadlineParts = typed }, errors));

        var (fields, after) = FieldsToWrite(item, current, submitted);
        if (fields.Count == 0) return new UpdateResponse(200, UpdatePages.NoChanges(Page, action.Number, token!));

        switch (await _target.WriteAsync(item.Id, fields, shown.ETag, cancellationToken))
        {
            case WriteOutcome.NotFound:
                return Refuse(404, "This action is no longer in the tracker", "The action this link was for has been removed from the tracker.");
            case WriteOutcome.Conflict:
                // Someone saved in the moment between reading and writing: the same conflict page, against what the tracker says now.
                var (again, latest) = await OpenAsync(token, null, cancellationToken);
                return again ?? Conflict(latest!, shown, submitted, typed, []);
        }

        // The lead's key as the rest of the system names it (its name's slug), whichever way the link named the lead.
        var record = new AppliedUpdate(_time.GetUtcNow(), linkId, lead.Key, lead.Name, item.Id, action.Number, current, after);
        try
        {
            await UpdateAudit.AppendAsync(_state, record, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The tracker has the change already: telling the lead it failed would be untrue. The log keeps the record instead.
            // Never the record itself: its comments may hold personal details. The link id and field names say what to look for.
            _logger.LogError(e, "Update applied to item {ItemId} through link {Link} but not recorded in the audit; fields changed: {Fields}",
                item.Id, linkId, string.Join(", ", record.ChangedFields()));
        }
        _logger.LogInformation("Update applied to item {ItemId} through link {Link}: {Fields}", item.Id, linkId, string.Join(", ", fields.Keys));
        return new UpdateResponse(200, UpdatePages.Saved(Page, action.Number, UpdatePages.Changes(current, after)));
    }

    /// <summary>
    /// The conflict as an error (409): the lead's own answers refilled, the tracker's newer value beside each question
    /// that changed since the form was shown, and the form sealed at the new version, so saving again applies the
    /// lead's answers to it. Without a sealed version there is no "shown": every answer that differs is marked.
    /// </summary>
    private UpdateResponse Conflict(Context latest, ShownVersion? shown, UpdateFields submitted, DateParts typed, IReadOnlyList<FormError> errors)
    {
        var now = Current(latest.Action);
        var changed = new Dictionary<string, string>();
        if (shown is null ? submitted.Rag != now.Rag : shown.Rag != now.Rag) changed["rag"] = UpdatePages.RagText(now.Rag);
        if (shown is null ? submitted.Status != now.Status : shown.Status != now.Status) changed["status"] = UpdatePages.Title(now.Status)!;
        if (shown is null ? submitted.Deadline != now.Deadline : shown.Deadline != now.Deadline)
            changed["deadline"] = now.Deadline is null ? "Not set" : UpdatePages.LongDate(now.Deadline);
        if (shown is null ? submitted.Comment != now.Comment : !shown.CommentWas(now.Comment))
            changed["comment"] = now.Comment.Length == 0 ? "No comment" : now.Comment;

        var first = changed.Keys.FirstOrDefault() is { } key ? (key == "deadline" ? "deadline-day" : key) : "rag";
        var note = changed.Count > 0
            ? "Nothing was saved. Your answers are still in the form, and the tracker's newer value is shown beside each question that changed. " +
                "Check them, then save again."
            : "Nothing was saved. Your answers are still in the form. Check them, then save again.";
        FormError[] all = [new("conflict", $"Someone else changed action {latest.Action.Number} while you were editing", Link: first), .. errors];
        return new UpdateResponse(409,
            UpdatePages.Form(Page, Model(latest) with { Values = submitted, DeadlineParts = typed, Changed = changed }, all, note));
    }

    private sealed record Context(string Token, UpdateLink Link, ListItem Item, TrackerAction Action, Lead Lead);

    /// <summary>
    /// What every request with a link passes first, the form and "email me a new link" alike: the network's hourly
    /// allowance, links switched on, and a link this service signed (expired or not: each caller decides that).
    /// </summary>
    private (string Reason, UpdateResponse Page)? Gate(string? token, string? clientAddress, out LinkCheck check)
    {
        check = default!;
        if (clientAddress is not null && !_perAddress.TryTake(clientAddress))
            return ("too many requests from the client's address",
                TooMany("Too many requests", "There have been too many requests from your network in the last hour."));
        if (_signer is null) return ("update links are switched off", SwitchedOff());
        check = _signer.Check(token, _time.GetUtcNow());
        return check.Status == LinkStatus.Invalid ? (InvalidReason, NotValid()) : null;
    }

    /// <summary>
    /// Every check a link must pass before anything about its action is shown. Each refusal says why, and nothing else,
    /// and is logged as one line with the link's id and the reason, never the token.
    /// </summary>
    private async Task<(UpdateResponse?, Context?)> OpenAsync(string? token, string? clientAddress, CancellationToken cancellationToken)
    {
        (UpdateResponse?, Context?) Refused(string reason, UpdateResponse page)
        {
            _logger.LogWarning("Update link {Link} refused: {Reason}", string.IsNullOrEmpty(token) ? "(none)" : UpdateLink.IdOf(token), reason);
            return (page, null);
        }

        if (Gate(token, clientAddress, out var check) is { } refusal) return Refused(refusal.Reason, refusal.Page);
        if (check.Status == LinkStatus.Expired)
            return Refused("expired",
                Outdated(token!, 410, "This link has expired",
                    $"Update links work for {_options.LinkDays} days after the digest that carried them."));
        var (reason, page, context) = await ResolveAsync(token!, check.Link!, outdatedAllowed: false, cancellationToken);
        return reason is null ? (null, context) : Refused(reason, page!);
    }

    private const string InvalidReason = "bad signature (changed, cut short, or signed with another key)";

    private UpdateResponse NotValid() =>
        Refuse(404, "This link is not valid", "The link is not one the partnership sent, or it was changed or cut short when it was copied.");

    /// <summary>A genuine link that is out of date: the refusal offers "Email me a new link".</summary>
    private UpdateResponse Outdated(string token, int status, string title, string reason) =>
        new(status, UpdatePages.RefusalOfferingNewLink(Page, title, reason, token));

    /// <summary>
    /// The item, action and lead a genuinely signed link is for, or why it cannot be used. The lead is found by the
    /// identity the link names (the leads list's item id, so a renamed lead keeps working links; older links name it by
    /// a name, current or kept as an alias). <paramref name="outdatedAllowed"/> accepts an action renumbered since.
    /// </summary>
    private async Task<(string? Reason, UpdateResponse? Page, Context? Context)> ResolveAsync(string token, UpdateLink link, bool outdatedAllowed,
        CancellationToken cancellationToken)
    {
        var item = await _target.ReadItemAsync(link.ItemId, cancellationToken);
        if (item is null || string.IsNullOrEmpty(item.ETag))
            return ("unknown item",
                Refuse(404, "This action is no longer in the tracker", "The action this link was for has been removed from the tracker."), null);
        var leads = await _target.ReadLeadsAsync(cancellationToken);
        var parsed = _parser.Parse(new TrackerLists([item], leads));
        var lead = parsed.Directory.Leads.FirstOrDefault(l => l.LinkKey == link.LeadKey)
            ?? parsed.Directory.Leads.FirstOrDefault(l => l.IsNamedBy(link.LeadKey));
        string[] keys = lead is null ? [link.LeadKey] : [link.LeadKey, lead.LinkKey, lead.Key];
        if (await LinkRevocations.RevokedBeforeAsync(_state, keys, cancellationToken) is { } revoked && link.IssuedAt < revoked)
            return ("revoked", Refuse(403, "This link has been withdrawn",
                "The partnership has withdrawn the update links sent before a certain date, for example because a digest was forwarded."), null);
        var action = parsed.Actions.Count > 0 ? parsed.Actions[0] : null;
        if (action is null || lead is null || !action.Leads.Contains(lead.Name))
            return ("wrong lead", Refuse(403, "This link is not for this action any more",
                "The action it was sent for no longer names the lead it was sent to, or the lead is no longer in the leads list."), null);
        var context = new Context(token, link, item, action, lead);
        // The link names the action by number as well as by item: a link whose number is not the item's was made for
        // something else (or the action was renumbered since), so showing the item under either number would mislead.
        if (action.Number != link.Number && !outdatedAllowed)
            return ("action renumbered",
                Outdated(token, 410, "This action has been renumbered",
                    "The action this link was for has a different number in the tracker now."), null);
        return (null, null, context);
    }

    /// <summary>
    /// "Email me a new link", from the page of an out-of-date link: a fresh link for the same action, sent only to the
    /// addresses the leads list gives for the link's lead (the page names the lead, never an address). The old link
    /// must be genuine (expired is fine); one new link per lead and action an hour (state store); each is recorded.
    /// </summary>
    public async Task<UpdateResponse> RequestNewLinkAsync(string? token, string clientAddress, CancellationToken cancellationToken)
    {
        var linkId = string.IsNullOrEmpty(token) ? "(none)" : UpdateLink.IdOf(token);
        UpdateResponse Refused(string reason, UpdateResponse page)
        {
            _logger.LogWarning("New link for update link {Link} refused: {Reason}", linkId, reason);
            return page;
        }

        if (Gate(token, clientAddress, out var check) is { } refusal) return Refused(refusal.Reason, refusal.Page);
        var (reason, page, context) = await ResolveAsync(token!, check.Link!, outdatedAllowed: true, cancellationToken);
        if (reason is not null) return Refused(reason, page!);
        var (_, _, item, action, lead) = context!;
        if (lead.Emails.Count == 0)
            return Refused("no address listed",
                Refuse(409, "No address is listed for this lead",
                    $"The leads list has no email address for {lead.Name}, so a new link cannot be sent."));
        if (!await _newLinks.TryTakeAsync($"new-link-{UpdateLink.IdOf($"{lead.LinkKey}/{item.Id}")}", cancellationToken))
            return Refused("a new link was sent in the last hour",
                TooMany("A new link was sent recently",
                    $"A new link for this action was emailed to the addresses listed for {lead.Name} in the last hour."));

        var issued = DateTimeOffset.FromUnixTimeSeconds(_time.GetUtcNow().ToUnixTimeSeconds());
        var fresh = _signer!.Sign( // Gate refused the request when links are switched off
            new UpdateLink(lead.LinkKey, item.Id, action.Number, issued, issued.AddDays(_options.LinkDays)));
        var sent = await _email.SendAsync(NewLink.Email(Page, lead, action.Number, UpdateLink.UrlFor(_options.BaseUrl!, fresh), issued,
            issued.AddDays(_options.LinkDays)), cancellationToken);
        if (!sent.Sent && !sent.Unconfirmed)
            return Refused($"the email could not be sent ({sent.Error})",
                Refuse(503, "The new link could not be sent", "The email service did not take the message.",
                "Nothing was sent. Please try again later, or ask the partnership's coordinator for a fresh digest email."));
        try
        {
            await NewLink.RecordAsync(_state,
                new NewLink.Sent(issued, linkId, UpdateLink.IdOf(fresh), lead.LinkKey, lead.Name, item.Id, action.Number), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The email has gone: the page must say so. The log keeps what the record would have.
            _logger.LogError(e, "New link {NewLink} for item {ItemId} (from link {Link}) sent but not recorded", UpdateLink.IdOf(fresh), item.Id,
                linkId);
        }
        _logger.LogInformation("Update link {Link}: a new link {NewLink} for item {ItemId} was emailed to the addresses listed for {Lead}", linkId,
            UpdateLink.IdOf(fresh), item.Id, lead.Name);
        return new UpdateResponse(200, UpdatePages.NewLinkSent(Page, lead.Name, _options.LinkDays));
    }

    /// <summary>The form for what the tracker says now, sealed at the item's current version.</summary>
    private FormModel Model(Context c)
    {
        var current = Current(c.Action);
        return new FormModel(
            Token: c.Token,
            ItemId: c.Item.Id,
            Version: _versions!.Seal(UpdateLink.IdOf(c.Token), c.Item.Id, c.Item.ETag!, current),
            Number: c.Action.Number,
            KeyAction: c.Action.Text,
            Deadline: c.Action.Deadline is { } d ? UpdatePages.LongDate(Iso(d)) : "Not set",
            Rag: UpdatePages.RagText(current.Rag),
            LatestComment: c.Action.Comments.Length == 0 ? "No comment" : c.Action.Comments,
            Lead: c.Lead.Name,
            ExpiresAt: c.Link.ExpiresAt,
            Values: current,
            DeadlineParts: DateParts.Of(current.Deadline));
    }

    private static UpdateFields Current(TrackerAction action) =>
        new(action.Rag?.ToWord(), action.Comments, action.Complete ? "complete" : "open", action.Deadline is { } d ? Iso(d) : null);

    /// <summary>The answers as sent (an invalid choice cleared, so no radio claims it), the date's boxes as typed, and the errors.</summary>
    private (UpdateFields, DateParts, List<FormError>) Validate(IReadOnlyDictionary<string, string> form, UpdateFields current, ListItem item)
    {
        var errors = new List<FormError>();
        var rag = form.GetValueOrDefault("rag")?.Trim().ToLowerInvariant();
        if (!UpdatePages.RagWords.Contains(rag))
        {
            errors.Add(new("rag", "Select a RAG rating: green, amber or red"));
            rag = null;
        }
        var status = form.GetValueOrDefault("status")?.Trim().ToLowerInvariant();
        if (status is not ("open" or "complete"))
        {
            errors.Add(new("status", "Select whether the action is open or complete"));
            status = null;
        }
        var typed = new DateParts(Part(form, "deadline-day"), Part(form, "deadline-month"), Part(form, "deadline-year"));
        var (deadline, dateError) = DateInput.Read("deadline", "Deadline", typed);
        if (dateError is not null) errors.Add(new("deadline", dateError.Message, dateError.Parts));

        // Cleaned as text read from the list is: no bidi override or invisible character reaches SharePoint's users.
        var comment = FieldText.WithoutHiddenFormat((form.GetValueOrDefault("comment") ?? "").Replace("\r\n", "\n", StringComparison.Ordinal)).Trim();
        if (comment.Length > UpdatePages.MaxCommentLength)
            errors.Add(new("comment", $"Latest update must be {UpdatePages.MaxCommentLength:N0} characters or fewer (it has {comment.Length:N0})"));
        else if (comment.Any(c => char.IsControl(c) && c is not '\n' and not '\t'))
            errors.Add(new("comment", "Latest update must be plain text: remove the control characters"));
        else if (status == "open" && current.Status == "complete" && !HasStatusColumn(item) && Completion.IsComplete(null, comment))
            errors.Add(new("comment", "To reopen the action, change the latest update so it does not start with \u201cComplete\u201d"));
        // No status chosen (an error) leaves "" rather than inventing one; nothing is written while there are errors.
        return (new UpdateFields(rag, comment, status ?? "", deadline ?? current.Deadline), typed, errors);
    }

    private static string Part(IReadOnlyDictionary<string, string> form, string name) => form.GetValueOrDefault(name)?.Trim() ?? "";

    /// <summary>A deadline moved further than <see cref="UpdatesOptions.MaxDeadlineMoveDays"/> (from the current one, or from today), or
    /// null.</summary>
    private string? DeadlineMoveError(UpdateFields current, UpdateFields submitted)
    {
        if (submitted.Deadline is null || submitted.Deadline == current.Deadline ||
            !DateOnly.TryParseExact(submitted.Deadline, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to))
            return null;
        var from = current.Deadline is not null
            && DateOnly.TryParseExact(current.Deadline, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d : Rules.UkClock.Today(_time);
        if (Math.Abs(to.DayNumber - from.DayNumber) <= _options.MaxDeadlineMoveDays) return null;
        var what = current.Deadline is null ? "today" : $"the current deadline ({UpdatePages.LongDate(current.Deadline)})";
        return $"The new deadline is more than {_options.MaxDeadlineMoveDays} days from {what}: " +
               "a move that large needs the partnership's coordinator, so ask them to change it";
    }

    private bool HasStatusColumn(ListItem item) => item.Fields.ContainsKey(_columns.Status);

    /// <summary>The columns to write (only those that change, in the list's own style) and what the action says afterwards.</summary>
    private (Dictionary<string, string>, UpdateFields) FieldsToWrite(ListItem item, UpdateFields current, UpdateFields submitted)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (submitted.Rag != current.Rag && submitted.Rag is not null)
        {
            // A list that spells the word out keeps doing so; a letter (or nothing yet) gets a letter, as the list's choices are.
            var spelled = FieldText.Clean(item[_columns.Rag]) is { Length: > 1 };
            fields[_columns.Rag] = spelled ? UpdatePages.Title(submitted.Rag)! : submitted.Rag[..1].ToUpperInvariant();
        }
        var comment = submitted.Comment;
        if (submitted.Status != current.Status)
        {
            if (HasStatusColumn(item)) fields[_columns.Status] = submitted.Status == "complete" ? "Complete" : "Open";
            else if (submitted.Status == "complete"
                && !Completion.IsComplete(null, comment)) comment = comment.Length == 0 ? "Complete" : $"Complete \u2013 {comment}";
        }
        if (comment != current.Comment) fields[_columns.Comments] = comment;
        if (submitted.Deadline != current.Deadline && submitted.Deadline is not null)
        {
            var raw = FieldText.Clean(item[_columns.DeliveryDeadline]);
            var instant = raw is { Length: > 10 } && raw[10] is 'T' or ' ';
            fields[_columns.DeliveryDeadline] = instant ? $"{submitted.Deadline}T00:00:00Z" : submitted.Deadline;
        }
        return (fields, submitted with { Comment = comment });
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A 429 that says when the next hour's allowance starts, in UK time, and sends the same as Retry-After.</summary>
    private UpdateResponse TooMany(string title, string reason)
    {
        var at = LinkAllowance.NextWindow(_time.GetUtcNow());
        var uk = TimeZoneInfo.ConvertTime(at, Rules.UkClock.London);
        return Refuse(429, title, $"{reason} Please try again after {uk.ToString("HH:mm", CultureInfo.InvariantCulture)} (UK time).",
            "Nothing was changed by this attempt.") with { RetryAt = at };
    }

    private UpdateResponse SwitchedOff() => Refuse(404, "Updates are switched off", "This tracker does not take updates by link at the moment.");

    private UpdateResponse Refuse(int status, string title, string reason, string? next = null) =>
        new(status, UpdatePages.Refusal(Page, title, reason, next));
}
