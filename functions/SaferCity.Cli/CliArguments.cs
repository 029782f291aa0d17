using System.Globalization;

namespace SaferCity.Cli;

/// <summary>
/// The command line of <c>run</c> and <c>provision</c>, turned into configuration keys so the CLI and the Functions app
/// read their settings the same way (appsettings.json, then environment, then these).
/// </summary>
public sealed record CliArguments(string Command, DateOnly? AsOf, IReadOnlyDictionary<string, string?> Settings)
{
    /// <summary>provision --import-sample: fill new, empty lists with the bundled sample.</summary>
    public bool ImportSample { get; init; }

    /// <summary>serve --port: where the update form listens on 127.0.0.1.</summary>
    public int? Port { get; init; }

    public const string Usage = """
        Usage:
          safercity run [--tracker FILE] [--leads FILE] [--as-of yyyy-MM-dd]
                        [--state DIR] [--out DIR] [--storage CONNECTION] [--dry-run]

          --tracker, --leads  Graph list-items responses saved to files. Without them: the SharePoint
                              site in Tracker__SiteUrl; without that: the bundled sample tracker.
          --as-of             The UK day the run acts as (default: today in Europe/London).
          --out               Site in DIR/site, emails in DIR/outbox when no SendGrid key is set (default: out).
          --state             History and reminder ledger (default: OUT/state).
          --storage           A Blob storage connection string: site to $web, state to blobs.
          --dry-run           Compute and preview everything; send and record nothing.

          safercity provision [--import-sample]

          Creates the tracker and leads lists on the site in Tracker__SiteUrl (lists that exist are left
          alone). --import-sample fills empty lists with the bundled sample tracker.

          safercity serve [--port 7071] [--tracker FILE] [--leads FILE]

          Serves the update form that digest links open, on 127.0.0.1. Updates are written to the tracker
          file (the bundled sample without --tracker), or to SharePoint when Tracker__SiteUrl is set.
          Links are signed with Updates__SigningKey (on this machine: a key kept in the state folder).
        """;

    public static CliArguments Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0] is "-h" or "--help" or "help") throw new UsageException(null);
        var command = args[0];
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        DateOnly? asOf = null;
        var importSample = false;
        int? port = null;
        for (var i = 1; i < args.Count; i++)
        {
            var option = args[i];
            string Value() => i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal)
                ? args[++i]
                : throw new UsageException($"{option} needs a value.");
            switch (option)
            {
                case "--tracker": settings["Local:TrackerFile"] = Value(); break;
                case "--leads": settings["Local:LeadsFile"] = Value(); break;
                case "--out": settings["Local:OutDir"] = Value(); break;
                case "--state": settings["Local:StateDir"] = Value(); break;
                case "--storage": settings["Storage:ConnectionString"] = Value(); break;
                case "--dry-run": settings["Local:DryRun"] = "true"; break;
                case "--import-sample" when command == "provision": importSample = true; break;
                case "--port" when command == "serve":
                    var portText = Value();
                    port = int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and < 65536
                        ? p
                        : throw new UsageException($"--port takes a port number (1-65535), not '{portText}'.");
                    break;
                case "--as-of":
                    var text = Value();
                    asOf = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                        ? day
                        : throw new UsageException($"--as-of takes a date as yyyy-MM-dd, not '{text}'.");
                    break;
                case "-h" or "--help": throw new UsageException(null);
                default: throw new UsageException($"Unknown option '{option}'.");
            }
        }
        return new CliArguments(command, asOf, settings) { ImportSample = importSample, Port = port };
    }
}

public sealed class UsageException(string? problem) : Exception(problem ?? "usage")
{
    public string? Problem { get; } = problem;
}
