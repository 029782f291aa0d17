using System.Globalization;
using System.Text.Json.Nodes;
using SaferCity.Core.Model;
using SaferCity.Core.Reading;
using SaferCity.Core.Rules;
using SaferCity.Core.Tests.Support;

namespace SaferCity.Core.Tests.Reading;

/// <summary>The same tracker in every value shape SharePoint returns gives the same figures.</summary>
public class ValueShapesTests
{
    private static readonly DateOnly AsOf = new(2017, 1, 16);

    [Fact]
    public void Parse_SampleInOtherShapes_GivesTheSameFigures()
    {
        var tracker = Sample.TrackerJson();
        var i = 0;
        foreach (var fields in Sample.Fields(tracker))
        {
            i++;
            // Deadline: a Date column, as SharePoint stores a UK midnight (23:00Z the day before in summer).
            var day = DeadlineParser.Parse(fields["DeliveryDeadline"]!.GetValue<string>())!.Value;
            var instant = UkClock.At(day, TimeOnly.MinValue).ToUniversalTime();
            fields["DeliveryDeadline"] = instant.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            // Lead: a multi-choice column.
            if (fields["LeadService"] is JsonNode lead)
                fields["LeadService"] = new JsonArray(lead.GetValue<string>().Split([',', ';', '/']).Select(s => (JsonNode)s.Trim()).ToArray());
            // RAG: the whole word, in assorted case.
            fields["RAG"] = fields["RAG"]!.GetValue<string>() switch
            {
                "G" => i % 2 == 0 ? "Green" : "GREEN",
                "A" => "amber",
                var other => other,
            };
            // Comments: rich text; completion from the Status column on every other item.
            if (fields["Comments"] is JsonNode comment)
            {
                var text = comment.GetValue<string>();
                if (i % 2 == 0 && Completion.IsComplete(null, text))
                {
                    fields["Status"] = "Completed";
                    text = text["Complete".Length..].TrimStart(' ', '-', '–', ':');
                }
                fields["Comments"] = $"<div class=\"ExternalClass{i:X4}\"><p>{System.Net.WebUtility.HtmlEncode(text)}</p></div>";
            }
        }

        var original = Figures(new TrackerParser().Parse(Sample.Lists()));
        var reshaped = Figures(new TrackerParser().Parse(Sample.ListsFrom(tracker)));

        Assert.Equal(original, reshaped);
        Assert.Equal((42, 15, 27, 2, 6, 7, 20), reshaped);
    }

    private static (int Total, int Complete, int Open, int Overdue, int DueSoon, int Amber, int Green) Figures(ParsedTracker parsed)
    {
        var assessed = parsed.Actions.Select(a => ActionRules.Assess(a, AsOf, new RemindersOptions())).ToList();
        var open = assessed.Where(a => a.Action.Open).ToList();
        return (assessed.Count, assessed.Count(a => a.Action.Complete), open.Count, open.Count(a => a.Overdue),
            open.Count(a => a.DueSoon), open.Count(a => a.Action.Rag == Rag.Amber), open.Count(a => a.Action.Rag == Rag.Green));
    }
}
