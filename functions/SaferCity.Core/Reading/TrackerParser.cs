using System.Net.Mail;
using SaferCity.Core.Model;

namespace SaferCity.Core.Reading;

/// <summary>The lists, understood: actions, the leads directory, and what could not be understood.</summary>
public sealed record ParsedTracker(
    IReadOnlyList<TrackerAction> Actions,
    LeadDirectory Directory,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<Finding> LeadsListFindings)
{
    /// <summary>Problems with the lists themselves (see <see cref="TrackerLists.SetupProblems"/>).</summary>
    public IReadOnlyList<string> SetupProblems { get; init; } = [];

    /// <summary>See <see cref="TrackerLists.HoldPublishing"/>.</summary>
    public bool HoldPublishing { get; init; }
}

/// <summary>
/// Understands list items. Never throws on content: whatever cannot be read becomes a
/// <see cref="Finding"/> and the rest of the item is kept, so one bad row never stops a run.
/// </summary>
public sealed class TrackerParser(TrackerColumns columns, LeadColumns leadColumns)
{
    private static readonly char[] LeadSeparators = [';', ',', '/', '\n', '\r'];

    public TrackerParser() : this(new TrackerColumns(), new LeadColumns()) { }

    /// <summary>The column settings, which decide what is read from the same items.</summary>
    public IEnumerable<object> Settings => [columns, leadColumns];

    public ParsedTracker Parse(TrackerLists lists)
    {
        var leadFindings = new List<Finding>();
        var directory = new LeadDirectory(ReadLeads(lists.Leads, leadFindings));
        var findings = new List<Finding>();
        var actions = new List<TrackerAction>(lists.Tracker.Count);
        var seen = new HashSet<string>(lists.Tracker.Count, StringComparer.OrdinalIgnoreCase);
        var memo = new Memo(directory);

        foreach (var item in lists.Tracker)
        {
            // Hidden is decided first, so that nothing said about a hidden item (not even that it is a
            // duplicate) can reach the dashboard: those findings are the coordinator's only.
            var hidden = IsHidden(item, out var hideValue);
            var first = findings.Count;
            var action = ReadAction(item, hidden, memo, findings);
            if (action is not null && hideValue == HideValue.Unrecognised)
            {
                findings.Add(new Finding(action.Number, "hideFromDashboard", "unrecognised",
                    Truncate(FieldText.AsString(HideColumnValue(item)) ?? "")));
            }
            if (action is not null && !seen.Add(action.Number))
            {
                findings.Add(new Finding(action.Number, "number", "duplicate", $"item {item.Id}"));
                action = null;
            }
            if (hidden)
            {
                for (var i = first; i < findings.Count; i++) findings[i] = findings[i] with { Hidden = true };
            }
            if (action is not null) actions.Add(action);
        }
        if (!InNumberOrder(actions)) actions.Sort(ActionNumberComparer.Instance);
        return new ParsedTracker(actions, directory, findings, leadFindings)
        {
            SetupProblems = lists.SetupProblems,
            HoldPublishing = lists.HoldPublishing,
        };
    }

    /// <summary>
    /// A list usually comes in number order already: one pass says so in N comparisons, where sorting it takes N log N
    /// (a third of understanding 50,000 items). No two numbers compare equal (duplicates are dropped above, and the
    /// comparer ends on an ordinal comparison), so an ordered list is exactly what the sort would return.
    /// </summary>
    private static bool InNumberOrder(List<TrackerAction> actions)
    {
        for (var i = 1; i < actions.Count; i++)
        {
            if (ActionNumberComparer.Instance.Compare(actions[i - 1], actions[i]) > 0) return false;
        }
        return true;
    }

    /// <summary>
    /// Fails closed: a value nobody can read hides the item (and is reported). The column is also looked for
    /// under the name SharePoint gives it when created in its web page.
    /// </summary>
    private bool IsHidden(ListItem item, out HideValue value)
    {
        value = FieldText.AsHide(item[columns.HideFromDashboard]);
        var uiName = FieldText.AsHide(item[TrackerColumns.HideFromDashboardUiName]);
        if (uiName > value) value = uiName;
        return value != HideValue.No;
    }

    private object? HideColumnValue(ListItem item) =>
        FieldText.AsHide(item[columns.HideFromDashboard]) == HideValue.Unrecognised
            ? item[columns.HideFromDashboard]
            : item[TrackerColumns.HideFromDashboardUiName];

    private TrackerAction? ReadAction(ListItem item, bool hidden, Memo memo, List<Finding> findings)
    {
        var number = FieldText.Clean(item[columns.Number]);
        if (number is null)
        {
            findings.Add(new Finding($"[item {item.Id}]", "number", "missing"));
            return null;
        }
        number = number.TrimEnd('.');

        var theme = FieldText.Clean(item[columns.Theme]);
        if (theme is null) findings.Add(new Finding(number, "theme", "missing"));

        var text = FieldText.Clean(item[columns.KeyAction]);
        if (text is null) findings.Add(new Finding(number, "text", "missing"));

        var comments = FieldText.Clean(item[columns.Comments]) ?? "";
        var status = FieldText.Clean(item[columns.Status]);
        var ragText = FieldText.Clean(item[columns.Rag]);
        // A list with no RAG filled in may keep the rating in Status ("Green", "Amber", "Red"), as many trackers do.
        if (ragText is null && RagParser.Parse(status) is not null) (ragText, status) = (status, null);
        var complete = Completion.IsComplete(status, comments) || RagParser.IsBlue(ragText);

        var deadlineText = FieldText.Clean(item[columns.DeliveryDeadline]);
        var deadline = memo.Deadline(deadlineText);
        ReportDeadline(number, deadlineText, deadline, findings);
        var rag = RagParser.Parse(ragText);
        ReportRag(number, ragText, rag, complete, findings);

        var (leadNames, leads, unknown) = memo.LeadsOf(item[columns.LeadService]);
        ReportInvalidText(number, findings, ("number", number), ("theme", theme), ("text", text), ("comments", comments),
            ("status", status), ("deadline", deadlineText), ("rag", ragText));
        if (leadNames.Exists(FieldText.HasInvalidCharacters)) findings.Add(new Finding(number, "lead", "invalid characters"));
        if (leadNames.Count == 0) findings.Add(new Finding(number, "lead", "missing"));
        foreach (var name in unknown)
            findings.Add(new Finding(number, "lead", "unknown", Truncate(name)) { Suggestion = memo.Suggest(name) });

        return new TrackerAction
        {
            ItemId = item.Id,
            Number = number,
            Theme = theme ?? "(No theme)",
            Text = text ?? "",
            Deadline = deadline,
            LeadNames = leadNames,
            Leads = leads,
            UnknownLeads = unknown,
            Rag = rag,
            Complete = complete,
            Comments = comments,
            Hidden = hidden,
            LastModified = item.LastModified,
            WebUrl = item.WebUrl,
        };
    }

    private static void ReportDeadline(string number, string? text, DateOnly? deadline, List<Finding> findings)
    {
        if (text is null) findings.Add(new Finding(number, "deadline", "missing"));
        else if (deadline is null && DeadlineParser.IsNoDeadline(text)) findings.Add(new Finding(number, "deadline", "not a date", Truncate(text)));
        else if (deadline is null) findings.Add(new Finding(number, "deadline", "unreadable", Truncate(text)));
    }

    private static void ReportRag(string number, string? text, Rag? rag, bool complete, List<Finding> findings)
    {
        if (text is null && !complete) findings.Add(new Finding(number, "rag", "missing"));
        else if (text is not null && rag is null && !RagParser.IsBlue(text)) findings.Add(new Finding(number, "rag", "unknown", Truncate(text)));
    }

    /// <summary>
    /// A tracker repeats itself: the same few deadlines ("March 2017") and lead names in every row.
    /// Each distinct text is understood once per run.
    /// </summary>
    private sealed class Memo(LeadDirectory directory)
    {
        private readonly Dictionary<string, DateOnly?> _deadlines = new(StringComparer.Ordinal);
        private readonly Dictionary<string, IReadOnlyList<Lead>> _leads = new(StringComparer.Ordinal);

        public DateOnly? Deadline(string? text)
        {
            if (text is null) return null;
            if (!_deadlines.TryGetValue(text, out var day)) _deadlines[text] = day = DeadlineParser.Parse(text);
            return day;
        }

        public IReadOnlyList<Lead> Leads(string name)
        {
            if (!_leads.TryGetValue(name, out var leads)) _leads[name] = leads = directory.Resolve(name);
            return leads;
        }

        private readonly Dictionary<string, LeadsRead> _leadCells = new(StringComparer.Ordinal);

        /// <summary>
        /// A lead cell understood once per distinct text: its names, the leads they resolve to and the names that
        /// resolve to none, shared (read-only) by every action with the same cell.
        /// </summary>
        public LeadsRead LeadsOf(object? value)
        {
            // A choice column's array is kept apart from text: ["A;B"] is one name, "A;B" two.
            var key = value switch
            {
                string text => text,
                IReadOnlyList<string> choices => "\u0001" + string.Join('\u0000', choices),
                _ => null,
            };
            if (key is not null && _leadCells.TryGetValue(key, out var known)) return known;
            var read = Read(SplitLeads(value));
            if (key is not null) _leadCells[key] = read;
            return read;
        }

        private LeadsRead Read(List<string> names)
        {
            var leads = new List<string>();
            var unknown = new List<string>();
            foreach (var name in names)
            {
                var resolved = Leads(name);
                if (resolved.Count == 0) unknown.Add(name);
                foreach (var lead in resolved)
                {
                    if (!leads.Contains(lead.Name)) leads.Add(lead.Name);
                }
            }
            return new LeadsRead(names, leads, unknown);
        }

        private readonly Dictionary<string, string?> _suggestions = new(StringComparer.Ordinal);

        public string? Suggest(string name)
        {
            if (!_suggestions.TryGetValue(name, out var lead)) _suggestions[name] = lead = directory.Suggest(name);
            return lead;
        }
    }

    /// <param name="Names">The lead services as written, split on separators.</param>
    /// <param name="Leads">The canonical names they resolve to, in order, without repeats.</param>
    /// <param name="Unknown">The written names that resolve to no lead.</param>
    private sealed record LeadsRead(List<string> Names, List<string> Leads, List<string> Unknown);

    private static List<string> SplitLeads(object? value)
    {
        IEnumerable<string> parts = value switch
        {
            IReadOnlyList<string> choices => choices,
            _ => FieldText.AsString(value)?.Split(LeadSeparators) ?? [],
        };
        var names = new List<string>();
        foreach (var part in parts)
        {
            var name = FieldText.Clean(part);
            if (name is not null && !names.Contains(name, StringComparer.OrdinalIgnoreCase)) names.Add(name);
        }
        return names;
    }

    /// <summary>
    /// Leads whose names come to the same key ("Police" twice, "Police!") would share one line of the
    /// reminder ledger, so the second would never get its digest: they are merged into the first, and reported.
    /// </summary>
    private List<Lead> ReadLeads(IReadOnlyList<ListItem> items, List<Finding> findings)
    {
        var leads = new List<Lead>();
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var lead in ReadEachLead(items, findings))
        {
            if (!byKey.TryGetValue(lead.Key, out var first))
            {
                byKey[lead.Key] = leads.Count;
                leads.Add(lead);
                continue;
            }
            var kept = leads[first];
            findings.Add(new Finding(lead.Name, "name", "duplicate", $"merged into {kept.Name}"));
            leads[first] = kept with
            {
                Aliases = [.. kept.Aliases.Union(lead.Aliases.Prepend(lead.Name), StringComparer.OrdinalIgnoreCase)],
                Emails = [.. kept.Emails.Union(lead.Emails, StringComparer.OrdinalIgnoreCase)],
            };
        }
        return leads;
    }

    private IEnumerable<Lead> ReadEachLead(IReadOnlyList<ListItem> items, List<Finding> findings)
    {
        var aliasOwner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var name = FieldText.Clean(item[leadColumns.Name]);
            if (name is null)
            {
                findings.Add(new Finding($"[leads item {item.Id}]", "name", "missing"));
                continue;
            }
            var aliases = Split(item[leadColumns.Aliases]);
            foreach (var alias in aliases.Prepend(name))
            {
                var key = LeadDirectory.Normalise(alias);
                if (aliasOwner.TryGetValue(key, out var owner) && owner != name)
                    findings.Add(new Finding(name, "alias", "duplicate", $"{alias} (also {owner})"));
                else aliasOwner[key] = name;
            }

            var emails = new List<string>();
            foreach (var email in Split(item[leadColumns.Email]))
            {
                // The address itself is never echoed: findings can reach published files.
                if (IsEmail(email)) emails.Add(email);
                else findings.Add(new Finding(name, "email", "invalid"));
            }
            if (emails.Count == 0 && !findings.Any(f => f.Id == name && f.Field == "email"))
                findings.Add(new Finding(name, "email", "missing"));
            // "#3" is a position the readers make up when an item has no id: it would move with the rows, so it is no key.
            yield return new Lead(name, aliases, emails, item.Id.StartsWith('#') ? null : item.Id);
        }
    }

    private static List<string> Split(object? value) => value switch
    {
        IReadOnlyList<string> list => list.Select(FieldText.Clean).OfType<string>().ToList(),
        _ => (FieldText.AsString(value) ?? "").Split([';', ',', '\n'])
            .Select(FieldText.Clean).OfType<string>().ToList(),
    };

    private static bool IsEmail(string text) =>
        text.Length <= 254 && !text.Contains(' ', StringComparison.Ordinal) && text.Count(c => c == '@') == 1 &&
        MailAddress.TryCreate(text, out var address) && address.Address == text && address.Host.Contains('.', StringComparison.Ordinal);

    /// <summary>
    /// Text that was not valid Unicode was read as U+FFFD (by the source, or by <see cref="FieldText.Clean"/>):
    /// the item is kept and shown, and the coordinator learns which field to retype. The text is not quoted.
    /// </summary>
    private static void ReportInvalidText(string number, List<Finding> findings, params ReadOnlySpan<(string Field, string? Text)> fields)
    {
        foreach (var (field, text) in fields)
        {
            if (FieldText.HasInvalidCharacters(text)) findings.Add(new Finding(number, field, "invalid characters"));
        }
    }

    private static string Truncate(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 79), "…");
}
