using System.Globalization;
using System.Text;

namespace SaferCity.Cli;

/// <summary>What an option's value is, so a mistake is caught before the run, naming the option.</summary>
public enum ValueKind
{
    /// <summary>No value: the option alone switches something on.</summary>
    Flag,
    Text,
    /// <summary>An existing file.</summary>
    File,
    /// <summary>A file to write: a new one, or an existing one to update; never a folder.</summary>
    OutputFile,
    /// <summary>A folder, created when missing; never an existing file.</summary>
    Folder,
    /// <summary>A real calendar day as yyyy-MM-dd.</summary>
    Date,
    /// <summary>A TCP port, 1 to 65535.</summary>
    Port,
    /// <summary>"HEADING=field"; may be given more than once.</summary>
    Mapping,
}

/// <param name="Value">The placeholder shown in the usage (FILE, DIR…); null for a flag.</param>
/// <param name="Setting">The configuration key the value goes to, so the CLI and the Functions app read settings one way.</param>
public sealed record CliOption(string Name, ValueKind Kind, string? Value, string Help, string? Setting = null)
{
    public string Synopsis => Value is null ? Name : $"{Name} {Value}";
}

/// <summary>A value a command takes without an option name: its placeholder in the usage (FILE) and what it is.</summary>
public sealed record CliArgument(string Name, string Help);

/// <param name="Argument">The one value the command takes without an option name, or null: then any such value is refused.</param>
/// <param name="Handler">Runs the command in the started host; returns the exit code.</param>
/// <param name="OwnHost">Instead of <paramref name="Handler"/>: a command that builds a host of its own (serve: a web host).</param>
public sealed record CliCommand(string Name, string Summary, IReadOnlyList<CliOption> Options, CommandHandler? Handler, CliArgument? Argument = null,
    Func<CliArguments, CliSession, CancellationToken, Task<int>>? OwnHost = null)
{
    public string Synopsis =>
        string.Join(' ', new[] { Name, Argument?.Name }.OfType<string>().Concat(Options.Select(o => $"[{o.Synopsis}]")));

    /// <summary>The usage's lines under the synopsis, in the order typed: the value without an option name, then each option.</summary>
    public IEnumerable<(string Synopsis, string Help)> HelpLines =>
        (Argument is null ? [] : new[] { (Argument.Name, Argument.Help) }).Concat(Options.Select(o => (o.Synopsis, o.Help)));
}

public delegate Task<int> CommandHandler(CliArguments cli, CliContext context);

/// <summary>
/// Every command and option, in one place: parsing, "did you mean", --help and dispatch all read this table,
/// so a new command is one entry here and one handler.
/// </summary>
public static class CliCommands
{
    /// <summary>How a person starts the CLI from the repository root.</summary>
    public const string Invocation = "dotnet run --project functions/SaferCity.Cli --";

    public const string HelpHint = "Run with --help for usage.";

    public static readonly CliOption Tracker = new("--tracker", ValueKind.File, "FILE",
        "A Graph list-items response saved to a file (JSON). Without it: the SharePoint site in Tracker__SiteUrl; without that: the bundled sample.",
        "Local:TrackerFile");
    public static readonly CliOption Leads = new("--leads", ValueKind.File, "FILE", "The leads list, the same way.", "Local:LeadsFile");
    public static readonly CliOption AsOf = new("--as-of", ValueKind.Date, "yyyy-MM-dd",
        "The UK day the run acts as (default: today in Europe/London). A day before the newest snapshot is a look back: previewed only.");
    public static readonly CliOption State = new("--state", ValueKind.Folder, "DIR", "History and reminder ledger (default: OUT/state).",
        "Local:StateDir");
    public static readonly CliOption Out = new("--out", ValueKind.Folder, "DIR",
        "Site in DIR/site, emails in DIR/outbox when no SendGrid key is set, previews in DIR/preview (default: out).", "Local:OutDir");
    public static readonly CliOption Storage = new("--storage", ValueKind.Text, "CONNECTION",
        "A Blob storage connection string: site to $web, state to blobs.", "Storage:ConnectionString");
    public static readonly CliOption DryRun = new("--dry-run", ValueKind.Flag, null,
        "Compute everything and preview it in OUT/preview; send, publish and record nothing.", "Local:DryRun");
    public static readonly CliOption ServeAsOf = new("--as-of", ValueKind.Date, "yyyy-MM-dd",
        "The UK day the form acts as, like a run's --as-of: links from a run dated that day open, and updates are recorded from 07:00 that day.");
    public static readonly CliOption AllDigests = new("--all-digests", ValueKind.Flag, null,
        "On a day other than Monday, send the week's digests to every lead due one; without it such a run sends only what the week still owes, as " +
            "the deployed schedule does.");
    public static readonly CliOption Port = new("--port", ValueKind.Port, "7071", "The port on 127.0.0.1 the update form listens on (default 7071).");
    public static readonly CliOption ImportSample = new("--import-sample", ValueKind.Flag, null,
        "Fill new, empty lists with the bundled sample tracker.");

    public static readonly CliOption RevokeLead = new("--lead", ValueKind.Text, "NAME",
        "The lead whose links to withdraw, as named in the leads list.");

    /// <summary>import's own: its --tracker is where it writes, so it sets no Local:TrackerFile, and its dry run previews nothing.</summary>
    public static readonly CliArgument ImportFile = new("FILE",
        "The tracker to read: Word (.docx), Excel (.xlsx) or CSV; its columns are found by their headings.");
    public static readonly CliOption ImportDryRun = new("--dry-run", ValueKind.Flag, null, "Print the plan and write nothing.");
    public static readonly CliOption ImportInto = new("--tracker", ValueKind.OutputFile, "OUT.json",
        "Write a Graph list-items file (what run --tracker reads; an existing one is updated) instead of the list in Tracker__SiteUrl.");

    public static readonly CliOption ImportColumn = new("--column", ValueKind.Mapping, "\"HEADING=field\"",
        "Read the column headed HEADING as field (number, theme, keyAction, deadline, lead, rag, comments, status, hide, or ignore); repeatable.");
    public static readonly CliOption ImportOverwrite = new("--overwrite", ValueKind.Flag, null,
        "A field changed both in the list (since the last import) and in the file takes the file's value; without it, the list's is kept.");
    public static readonly CliOption ImportLeads = new("--leads", ValueKind.OutputFile, "OUT.json",
        "FILE is a table of leads (name, aliases, email): write a Graph list-items file that run --leads reads. Without it, " +
        "importing into SharePoint, a table of leads in FILE goes to the leads list.");

    /// <summary>erase's own.</summary>
    public static readonly CliOption EraseAction = new("--action", ValueKind.Text, "NUMBER",
        "Erase every stored copy of this action's text (its comments in the update audit, digests in the outbox).");
    public static readonly CliOption EraseText = new("--text", ValueKind.Text, "TEXT",
        "Erase every stored copy of this string (a name, a phone number), at least 4 characters.");
    public static readonly CliOption EraseDryRun = new("--dry-run", ValueKind.Flag, null, "List what would be erased and change nothing.");

    /// <summary>Options every command takes.</summary>
    public static readonly CliOption Verbose = new("--verbose", ValueKind.Flag, null, "Log each step to stderr.");
    public static readonly CliOption Help = new("--help", ValueKind.Flag, null, "Show this help.");
    public static readonly IReadOnlyList<CliOption> Common = [Verbose, Help];

    public static readonly IReadOnlyList<CliCommand> All =
    [
        new("run", "Read the tracker, publish the dashboard, send this week's digests, record the snapshot.",
            [Tracker, Leads, AsOf, State, Out, Storage, DryRun, AllDigests], RunCommand.RunAsync),
        new("provision", "Create the tracker and leads lists on the SharePoint site in Tracker__SiteUrl (lists that exist are left alone).",
            [ImportSample], ProvisionCommand.RunAsync),
        new("serve", "Serve the update form that digests' update links open, on 127.0.0.1; updates go to the tracker file or the SharePoint list.",
            [Port, Tracker, Leads, State, Out, ServeAsOf], null, OwnHost: ServeCommand.RunAsync),
        new("import", "Bring the tracker in from Word, Excel or CSV: the plan by action number first, then new actions created and changed fields " +
            "updated, none deleted.",
            [ImportDryRun, ImportInto, ImportColumn, ImportOverwrite, ImportLeads], ImportCommand.RunAsync, ImportFile),
        new("check", "Read the SharePoint site and lists and show the column mapping a run would use; writes nothing. Exit 0 when a run will work, " +
            "else 2.",
            [], CheckCommand.RunAsync),
        new("erase", "Answer an erasure request: remove every stored copy of an action's text or of a string from the state and the outbox, and " +
            "say what went.",
            [EraseAction, EraseText, State, Out, Storage, EraseDryRun], EraseCommand.RunAsync),
        new("revoke", "Withdraw every update link issued to one lead until now (a forwarded digest); its next digest's links work.",
            [RevokeLead, Tracker, Leads, State, Out, Storage], RevokeCommand.RunAsync),
    ];

    public static CliCommand? Find(string name) => All.FirstOrDefault(c => c.Name == name);

    public static string Usage()
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Usage: {Invocation} COMMAND [options]").AppendLine();
        sb.AppendLine("Commands:");
        var width = All.Max(c => c.Name.Length) + 2;
        foreach (var command in All) sb.AppendLine(CultureInfo.InvariantCulture, $"  {command.Name.PadRight(width)}{command.Summary}");
        foreach (var command in All)
        {
            sb.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"{Invocation} {command.Synopsis}");
            var optionWidth = command.HelpLines.Select(l => l.Synopsis).Concat(Common.Select(o => o.Synopsis)).Max(s => s.Length) + 2;
            foreach (var (synopsis, help) in command.HelpLines) sb.AppendLine(CultureInfo.InvariantCulture,
                $"  {synopsis.PadRight(optionWidth)}{help}");
        }
        var common = Common.Select(o => $"{o.Name} ({o.Help.TrimEnd('.').ToLowerInvariant()})");
        sb.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Every command: {string.Join(", ", common)}.");
        sb.AppendLine("Settings come from appsettings.json and environment variables named like Tracker__SiteUrl (see the README).");
        sb.Append("Exit codes: 0 done; 1 the run failed, some digests could not be sent, or an import could not write; " +
                  "2 a usage or settings mistake, or a file that import refused.");
        return sb.ToString();
    }

    /// <summary>The closest known name to what was typed, when it is close enough to be a slip of the keyboard.</summary>
    public static string? Suggest(string typed, IEnumerable<string> known)
    {
        var bare = typed.TrimStart('-').ToLowerInvariant();
        return known
            .Select(k => (Name: k, Distance: Core.Reading.EditDistance.Between(bare, k.TrimStart('-'))))
            .Where(c => c.Distance <= Math.Max(1, Math.Min(2, c.Name.TrimStart('-').Length / 3)))
            .OrderBy(c => c.Distance)
            .Select(c => c.Name)
            .FirstOrDefault();
    }
}
