using Microsoft.Graph;
using Microsoft.Graph.Models;
using SaferCity.Core.Local;
using SaferCity.Core.Reading;
using SaferCity.Core.Model;
using ListItem = Microsoft.Graph.Models.ListItem;

namespace SaferCity.Infrastructure.Graph;

/// <summary>
/// Creates the tracker and leads lists on the site (the CLI's <c>provision</c>), with the columns the
/// parser reads, and optionally fills them with the bundled sample. Lists that exist are left alone,
/// so running it twice changes nothing.
/// </summary>
public sealed class GraphProvisioner(
    GraphServiceClient client, TrackerOptions options, TrackerColumns columns, LeadColumns leadColumns, LocalOptions local,
    SiteTimeZone siteZone)
{
    public async Task<IReadOnlyList<string>> ProvisionAsync(bool importSample, CancellationToken cancellationToken)
    {
        var siteUrl = options.SiteUrl ?? throw new PipelineException("Provisioning needs the site: set Tracker__SiteUrl.");
        var siteId = await GraphCalls.ResolveSiteIdAsync(client, siteUrl, cancellationToken);
        // The deadline column is a Date column: written in the wrong zone every deadline moves a day, so an unknown zone is refused.
        var zone = (await siteZone.RequireAsync(cancellationToken)).Zone;
        var sample = importSample
            ? await new FileTrackerSource(Path.Combine(local.SampleDir, "tracker.json"),
                Path.Combine(local.SampleDir, "leads.json")).ReadAsync(cancellationToken)
            : null;

        var report = new List<string>
        {
            await ProvisionListAsync(siteId, options.ListName, TrackerListColumns(), sample?.Tracker.Select(i => TrackerFields(i, zone)),
                cancellationToken),
            await ProvisionListAsync(siteId, options.LeadsListName, LeadsListColumns(), sample?.Leads.Select(LeadFields), cancellationToken),
        };
        return report;
    }

    private async Task<string> ProvisionListAsync(
        string siteId, string name, List<ColumnDefinition> listColumns, IEnumerable<Dictionary<string, object>>? items,
            CancellationToken cancellationToken)
    {
        var lists = client.Sites[siteId].Lists;
        var listId = await GraphCalls.FindListIdAsync(client, siteId, name, cancellationToken);
        string state;
        if (listId is null)
        {
            List created;
            try
            {
                created = await GraphCalls.CallAsync($"creating the list '{name}'", () => lists.PostAsync(new List
                {
                    DisplayName = name,
                    Columns = listColumns,
                    ListProp = new ListInfo { Template = "genericList" },
                }, cancellationToken: cancellationToken), cancellationToken);
            }
            catch (PipelineException e) when (e.InnerException is Microsoft.Kiota.Abstractions.ApiException { ResponseStatusCode: 403 })
            {
                throw new PipelineException($"Graph: creating the list '{name}' was refused (403): creating a list needs delegated " +
                    $"Sites.Manage.All " +
                    "(sign in as a site owner) or Sites.Selected with the manage role; the write role the run uses cannot create " +
                        "lists. See infra/README.md.", e);
            }
            listId = created.Id ?? throw new PipelineException($"Graph: the new list '{name}' came back without an id.");
            state = "created";
        }
        else
        {
            state = "exists, left as it is";
        }
        if (items is null) return $"List '{name}': {state}.";

        // Only an empty list gets the sample, so a second import never doubles the items.
        var existing = await GraphCalls.CallAsync($"checking the list '{name}' for items",
            () => lists[listId].Items.GetAsync(r => r.QueryParameters.Top = 1, cancellationToken), cancellationToken);
        if (existing.Value is { Count: > 0 }) return $"List '{name}': {state}; it has items, so the sample was not imported.";

        var count = 0;
        foreach (var fields in items)
        {
            count++;
            await GraphCalls.CallAsync($"adding sample item {count} to the list '{name}'",
                () => lists[listId].Items.PostAsync(new ListItem { Fields = new FieldValueSet { AdditionalData = fields } },
                    cancellationToken: cancellationToken),
                cancellationToken);
        }
        return $"List '{name}': {state}; {count} sample items imported.";
    }

    private List<ColumnDefinition> TrackerListColumns() =>
    [
        Text(columns.Theme, "Theme"),
        Text(columns.KeyAction, "Key action", multiline: true),
        new() { Name = columns.DeliveryDeadline, DisplayName = "Delivery deadline", DateTime = new DateTimeColumn { Format = "dateOnly" } },
        Text(columns.LeadService, "Lead service"),
        Choice(columns.Rag, "RAG", ["G", "A", "R"]),
        Text(columns.Comments, "Comments", multiline: true),
        Choice(columns.Status, "Status", ["Open", "Complete"]),
        new() { Name = columns.HideFromDashboard, DisplayName = "Hide from dashboard", Boolean = new BooleanColumn() },
    ];

    private List<ColumnDefinition> LeadsListColumns() =>
        [Text(leadColumns.Aliases, "Aliases"), Text(leadColumns.Email, "Email")];

    private static ColumnDefinition Text(string name, string displayName, bool multiline = false) => new()
    {
        Name = name,
        DisplayName = displayName,
        Text = multiline ? new TextColumn { AllowMultipleLines = true, LinesForEditing = 6 } : new TextColumn(),
    };

    private static ColumnDefinition Choice(string name, string displayName, List<string> choices) => new()
    {
        Name = name,
        DisplayName = displayName,
        Required = false,
        Choice = new ChoiceColumn { Choices = choices, DisplayAs = "dropDownMenu", AllowTextEntry = false },
    };

    // The sample uses the default column names; the lists use the configured ones.
    private Dictionary<string, object> TrackerFields(Core.Model.ListItem item, TimeZoneInfo zone)
    {
        var fields = Map(item, new TrackerColumns().All().Zip(columns.All()));
        // A Date column takes a date: the month text of the seed ("December 2016") becomes its last day.
        fields.Remove(columns.DeliveryDeadline);
        if (DeadlineParser.Parse(item[new TrackerColumns().DeliveryDeadline] as string) is { } deadline)
            fields[columns.DeliveryDeadline] = SiteDates.Wire(deadline, zone);
        return fields;
    }

    private Dictionary<string, object> LeadFields(Core.Model.ListItem item) =>
        Map(item, new LeadColumns().All().Zip(leadColumns.All()));

    private static Dictionary<string, object> Map(Core.Model.ListItem item, IEnumerable<(string From, string To)> names)
    {
        var fields = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        foreach (var (from, to) in names)
        {
            switch (item[from])
            {
                case IReadOnlyList<string> values: fields[to] = string.Join("; ", values); break;
                case { } value: fields[to] = value; break;
            }
        }
        return fields;
    }
}
