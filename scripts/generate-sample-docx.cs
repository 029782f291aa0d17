#:project ../tests/SaferCity.Synthetic/SaferCity.Synthetic.csproj
// Makes functions/SaferCity.Cli/sample/scp-progress-monitoring-2016-17.docx: the bundled sample tracker laid out
// as the partnership's Word document (theme rows across the table, the number in front of each key action),
// so a newcomer can try `import` on a real-looking file. Run once from the repository root:
//   dotnet run scripts/generate-sample-docx.cs
using SaferCity.Synthetic;

var sample = Path.Combine("functions", "SaferCity.Cli", "sample");
var rows = TrackerDocuments.FromListItems(File.ReadAllText(Path.Combine(sample, "tracker.json")));
var target = Path.Combine(sample, "scp-progress-monitoring-2016-17.docx");
TrackerDocuments.WriteDocx(target, rows);
Console.WriteLine($"Wrote {rows.Count} actions to {target}");
