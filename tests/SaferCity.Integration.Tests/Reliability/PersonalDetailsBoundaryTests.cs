using System.Text.Json.Nodes;
using SaferCity.Integration.Tests.Stack;

namespace SaferCity.Integration.Tests.Reliability;

/// <summary>
/// The production composition run on a tracker file whose fields carry what officers type: no public file holds any
/// of it, as an independent scanner (literal search, every encoding undone) sees it.
/// </summary>
public sealed class PersonalDetailsBoundaryTests
{
    private static readonly (string Number, string Column, string Value)[] Planted =
    [
        ("1.1", "Comments", "Mr A. Khan, victim of the assault, DOB 12/03/1985, can be reached on 07700 900123."),
        ("1.2", "Comments", "Linked to crime ref 4201234/17; MARAC case M20171234 heard."),
        ("1.3", "KeyAction", "Support the family at EC2V 7HH, NI AB 12 34 56 C, NHS 943 476 5919"),
        ("1.4", "LeadService", "DC Jane Smith"),
        ("1.5", "Comments", "Vehicle LV67 XYZ seen. Contact j.smith at city dot gov dot uk or jsmith&#64;citypolice"),
        ("1.6", "Theme", "1. Safeguarding: a child aged 14 at risk of CSE"),
        ("2.1", "Comments", "Landline +44 (0)20 7946 0958; the victim is Muslim and was targeted."),
    ];

    private static readonly string[] Details =
    [
        "Khan", "12/03/1985", "07700 900123", "4201234/17", "M20171234", "EC2V 7HH", "AB 12 34 56 C", "943 476 5919", "Jane Smith",
        "LV67 XYZ", "j.smith at city", "jsmith@citypolice", "aged 14", "7946 0958", "is Muslim",
    ];

    [Fact]
    public async Task Run_TrackerFileWithPersonalDetailsInEveryField_NoneInAnyPublishedFile()
    {
        await using var stack = await TestStack.StartAsync(TrackerFrom.SampleFiles, sendGrid: false);
        var tracker = JsonNode.Parse(File.ReadAllText(SampleFiles.Tracker))!;
        foreach (var (number, column, value) in Planted)
        {
            var fields = tracker["value"]!.AsArray().Select(i => i!["fields"]!.AsObject()).Single(f => f["Title"]!.GetValue<string>() == number);
            fields[column] = value;
        }
        var file = Path.Combine(stack.Root, "tracker-with-details.json");
        await File.WriteAllTextAsync(file, tracker.ToJsonString());
        stack.Settings["Local:TrackerFile"] = file;

        var outcome = await stack.RunAsync(new DateOnly(2017, 1, 16));

        var site = PublishedFiles.FromFolder(Path.Combine(stack.Root, "out", "site"));
        var scanner = PrivacyScanner.ForInputs([file, SampleFiles.Leads]).WithPersonalDetails(Details);
        Assert.Empty(scanner.Scan(site));
        Assert.Equal(42, outcome.Dashboard!.Summary.Total); // withheld values, not withheld actions
        Assert.Equal(Planted.Length, outcome.Report!.Withheld.Count);
    }

    [Fact]
    public void Scan_PlantedDetailPublished_IsFound()
    {
        var scanner = PrivacyScanner.ForInputs([]).WithPersonalDetails("07700 900123");
        var site = new Dictionary<string, byte[]> { ["index.html"] = "<p>Call 07700&#32;900123</p>"u8.ToArray() };

        Assert.Equal(["index.html: a personal detail: 07700 900123"], scanner.Scan(site));
    }
}
