using System.Globalization;
using System.Net.Mail;
using System.Text.Json;
using System.Text.Json.Nodes;
using SaferCity.Core.Reading;

namespace SaferCity.Core.Import;

/// <summary>One lead as a partnership lists them: a name, the other names the tracker uses for it, and an address.</summary>
public sealed record ImportedLead(string Name, string? Aliases, string? Email, string Where)
{
    /// <summary>An address a digest can go to; a lead without one gets no digest, and the plan says so.</summary>
    public bool HasUsableAddress =>
        Email is not null && Email.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .All(e => MailAddress.TryCreate(e, out var a) && a.Address == e && a.Host.Contains('.', StringComparison.Ordinal));
}

/// <summary>
/// A table of leads (Word, Excel or CSV) for <c>import FILE --leads OUT.json</c>: the first table whose headings name
/// a lead and an email column ("Lead"/"Name"/"Service", "Email"/"Address"; "Aliases"/"Also known as" optional),
/// written as the Graph list-items file <c>run --leads</c> reads. Leads already in that file are updated by name, none deleted.
/// </summary>
public static class LeadsTable
{
    private static readonly HashSet<string> NameWords = ["lead", "leads", "name", "leadname", "service", "leadservice", "title",
        "organisation", "team"];
    private static readonly HashSet<string> AliasWords = ["aliases", "alias", "alsoknownas", "othernames", "aka"];
    private static readonly HashSet<string> EmailWords = ["email", "emailaddress", "address", "emails", "mail"];

    public static IReadOnlyList<ImportedLead> Read(string fileName, RawDocument document) =>
        Find(document) ?? throw new ImportRefusedException(
            $"{fileName} has no table of leads: give it a heading row with a name column (Lead, Name or Service) and an Email column.");

    /// <summary>The leads of the first table with a name and an Email heading; null when no table has them.</summary>
    public static IReadOnlyList<ImportedLead>? Find(RawDocument document)
    {
        foreach (var table in document.Tables)
        {
            for (var r = 0; r < Math.Min(table.Rows.Count, 10); r++)
            {
                var keys = table.Rows[r].Cells.Select(HeadingWords.Key).ToList();
                int name = keys.FindIndex(NameWords.Contains), email = keys.FindIndex(EmailWords.Contains),
                    alias = keys.FindIndex(AliasWords.Contains);
                if (name < 0 || email < 0) continue;
                return [.. table.Rows.Skip(r + 1)
                    .Select(row => (Row: row, Name: Cell(row, name)))
                    .Where(x => x.Name is not null)
                    .Select(x => new ImportedLead(x.Name!, Cell(x.Row, alias), Cell(x.Row, email), $"{table.Source} {x.Row.Where}"))];
            }
        }
        return null;
    }

    /// <summary>The plan's lines: how many leads, and each one with no usable address.</summary>
    public static IEnumerable<string> Describe(IReadOnlyList<ImportedLead> leads)
    {
        yield return $"Read {leads.Count} leads.";
        foreach (var lead in leads.Where(l => !l.HasUsableAddress))
            yield return $"  No usable address, so no digest: {lead.Name} ({(lead.Email is null ? "no email" : $"\"{lead.Email}\"")}, {lead.Where})";
    }

    /// <summary>Writes the leads into a Graph list-items file, keeping its other leads and ids; atomically.</summary>
    public static void Write(string path, IReadOnlyList<ImportedLead> leads, LeadColumns columns, DateTimeOffset now)
    {
        var root = File.Exists(path) ? JsonNode.Parse(File.ReadAllBytes(path))!.AsObject() : new JsonObject { ["value"] = new JsonArray() };
        var items = root["value"]!.AsArray();
        var stamp = now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var nextId = items.Select(i => int.TryParse((string?)i?["id"], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
            : 0).DefaultIfEmpty(0).Max() + 1;
        foreach (var lead in leads)
        {
            var item = items.OfType<JsonObject>().FirstOrDefault(i =>
                string.Equals((string?)i["fields"]?[columns.Name], lead.Name, StringComparison.OrdinalIgnoreCase));
            if (item is null)
            {
                item = new JsonObject { ["id"] = (nextId++).ToString(CultureInfo.InvariantCulture),
                    ["fields"] = new JsonObject { [columns.Name] = lead.Name } };
                items.Add(item);
            }
            var fields = item["fields"]!.AsObject();
            fields[columns.Email] = lead.Email;
            fields[columns.Aliases] = lead.Aliases;
            item["lastModifiedDateTime"] = stamp;
        }
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(temp, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        File.Move(temp, path, overwrite: true);
    }

    private static string? Cell(RawRow row, int column) =>
        column >= 0 && column < row.Cells.Count && row.Cells[column].Trim() is { Length: > 0 } text ? text : null;
}
