using System.Globalization;
using System.Text.Json;

namespace SaferCity.Synthetic;

/// <summary>
/// Generates a tracker of N actions over M themes as Graph list-items responses, with the seed's value shapes
/// and quirks in realistic proportions: month text, date columns (UK midnight as UTC), dd/MM/yyyy; leads with
/// ; , / separators or multi-choice arrays; G/Green/amber; plain and rich-text comments; "Complete –" and
/// "Complete -"; a few missing leads, unreadable deadlines and duplicate numbers. Deterministic for a seed.
/// </summary>
public static class SyntheticTracker
{
    private static readonly string[] Leads =
    [
        "Community Safety Team", "City of London Police", "Department of Community and Children's Services", "Licensing",
        "Housing", "London Ambulance Service", "Westminster Drug Project", "Trading Standards", "St Mungo's Broadway",
        "Public Health", "Environmental Health", "Youth Offending Service", "Probation Service", "Fire Brigade",
    ];

    private static readonly string[] Aliases =
        ["CST", "CoLP", "DCCS", "Licencing", "Housing Options", "LAS", "WDP", "TS", "SMB", "PH", "EH", "YOS", "NPS", "LFB"];

    private static readonly string[] Words =
    [
        "develop", "deliver", "review", "establish", "training", "partners", "residents", "businesses", "campaign", "data",
        "safeguarding", "vulnerable", "night", "economy", "awareness", "pathway", "protocol", "engagement", "violence", "prevent",
    ];

    public sealed record Generated(byte[] TrackerJson, byte[] LeadsJson, int Actions, int Themes);

    public static Generated Generate(int actions, int themes = 6, int seed = 2017, DateOnly? around = null)
    {
        var random = new Random(seed);
        var centre = around ?? new DateOnly(2017, 1, 16);
        return new Generated(Tracker(actions, themes, random, centre), LeadsList(), actions, themes);
    }

    private static byte[] Tracker(int actions, int themes, Random random, DateOnly centre)
    {
        using var buffer = new MemoryStream(actions * 900);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#sites('contoso')/lists('tracker')/items(fields())");
            w.WriteStartArray("value");
            var perTheme = Math.Max(1, (actions + themes - 1) / themes);
            for (var i = 0; i < actions; i++)
            {
                var theme = i / perTheme + 1;
                var number = $"{theme}.{i % perTheme + 1}";
                if (random.NextDouble() < 0.002 && i > 0) number = $"{theme}.{i % perTheme}"; // a duplicate number
                w.WriteStartObject();
                w.WriteString("id", (i + 1).ToString(CultureInfo.InvariantCulture));
                w.WriteString("lastModifiedDateTime", "2017-01-13T16:30:00Z");
                w.WriteStartObject("fields");
                w.WriteString("Title", number);
                w.WriteString("Theme", $"{theme}. Theme number {theme}");
                w.WriteString("KeyAction", Sentence(random, 12 + random.Next(30)));
                WriteDeadline(w, random, centre);
                WriteLeads(w, random);
                w.WriteString("RAG", random.NextDouble() switch
                {
                    < 0.55 => "G", < 0.7 => "Green", < 0.85 => "A", < 0.9 => "amber", < 0.98 => "R", _ => "Red"
                });
                WriteComments(w, random);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteDeadline(Utf8JsonWriter w, Random random, DateOnly centre)
    {
        var day = centre.AddDays(random.Next(-200, 300));
        var monthEnd = new DateOnly(day.Year, day.Month, DateTime.DaysInMonth(day.Year, day.Month));
        var roll = random.NextDouble();
        if (roll < 0.005) w.WriteString("DeliveryDeadline", "TBC");
        else if (roll < 0.45) w.WriteString("DeliveryDeadline", monthEnd.ToString("MMMM yyyy", CultureInfo.InvariantCulture));
        else if (roll < 0.55) w.WriteString("DeliveryDeadline", monthEnd.ToString("MMM yyyy", CultureInfo.InvariantCulture));
        else if (roll < 0.65) w.WriteString("DeliveryDeadline", day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        else if (roll < 0.7) w.WriteString("DeliveryDeadline", monthEnd.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        else
        {
            // A Date column: UK midnight, which is 23:00 UTC the day before during British Summer Time.
            var bst = day.Month is >= 4 and <= 9;
            var utc = bst ? day.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T23:00:00Z"
                          : day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";
            w.WriteString("DeliveryDeadline", utc);
        }
    }

    private static void WriteLeads(Utf8JsonWriter w, Random random)
    {
        var roll = random.NextDouble();
        if (roll < 0.01) return; // no lead named
        var count = 1 + random.Next(3);
        var names = Enumerable.Range(0, count).Select(_ =>
        {
            var k = random.Next(Leads.Length);
            return random.NextDouble() < 0.4 ? Aliases[k] : Leads[k];
        }).Distinct().ToList();
        if (random.NextDouble() < 0.01) names.Add("Ministry of Magic"); // a lead that matches no one
        if (roll < 0.25)
        {
            w.WriteStartArray("LeadService");
            foreach (var n in names) w.WriteStringValue(n);
            w.WriteEndArray();
        }
        else
        {
            var separator = roll switch { < 0.5 => ", ", < 0.75 => "; ", _ => "/" };
            w.WriteString("LeadService", string.Join(separator, names));
        }
    }

    private static void WriteComments(Utf8JsonWriter w, Random random)
    {
        var roll = random.NextDouble();
        if (roll < 0.05) return;
        var text = roll switch
        {
            < 0.3 => "Complete \u2013 " + Sentence(random, 10),
            < 0.33 => "Complete - " + Sentence(random, 8),
            < 0.6 => "Progressing \u2013 " + Sentence(random, 15),
            _ => "Ongoing. " + Sentence(random, 20),
        };
        if (random.NextDouble() < 0.2) text = $"<div class=\"ExternalClass{random.Next():X8}\"><p>{text.Replace("&", "&amp;")}</p></div>";
        w.WriteString("Comments", text);
    }

    private static string Sentence(Random random, int words)
    {
        var parts = new string[words];
        for (var i = 0; i < words; i++) parts[i] = Words[random.Next(Words.Length)];
        parts[0] = char.ToUpperInvariant(parts[0][0]) + parts[0][1..];
        return string.Join(' ', parts) + ".";
    }

    private static byte[] LeadsList()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartArray("value");
            for (var i = 0; i < Leads.Length; i++)
            {
                w.WriteStartObject();
                w.WriteString("id", (i + 1).ToString(CultureInfo.InvariantCulture));
                w.WriteStartObject("fields");
                w.WriteString("Title", Leads[i]);
                w.WriteString("Aliases", Aliases[i]);
                w.WriteString("Email", $"lead{i + 1}@example.gov.uk");
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
