using System.Globalization;

namespace SaferCity.Cli;

/// <summary>
/// A command line, checked against <see cref="CliCommands"/>. Option values become configuration keys so the CLI
/// and the Functions app read their settings the same way (appsettings.json, then environment, then these).
/// </summary>
public sealed record CliArguments(CliCommand? Command, IReadOnlyDictionary<string, string> Values, IReadOnlyDictionary<string, string?> Settings)
{
    /// <summary>--help (or no arguments at all): print the usage and do nothing else.</summary>
    public bool Help => Command is null || Has(CliCommands.Help);

    public bool Verbose => Has(CliCommands.Verbose);

    /// <summary>serve --port: where the update form listens on 127.0.0.1.</summary>
    public int? Port => Values.TryGetValue(CliCommands.Port.Name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : null;

    public DateOnly? AsOf => Values.TryGetValue(CliCommands.AsOf.Name, out var text) ? ParseDate(text) : null;

    /// <summary>The value given without an option name (a command's <see cref="CliCommand.Argument"/>).</summary>
    public string? Argument => Values.GetValueOrDefault(ArgumentKey);

    /// <summary>Where <see cref="Values"/> keeps the value given without an option name: no option is named "".</summary>
    private const string ArgumentKey = "";

    public bool Has(CliOption option) => Values.ContainsKey(option.Name);

    /// <summary>Every value of an option that may be given more than once (<see cref="ValueKind.Mapping"/>), in the order typed.</summary>
    public IReadOnlyList<string> All(CliOption option) =>
        Values.TryGetValue(option.Name, out var text) ? text.Split(RepeatSeparator) : [];

    // Between the values of a repeated option in Values: no command-line value holds it.
    private const char RepeatSeparator = '\0';

    /// <summary>Reads the command line, or throws <see cref="UsageException"/> with one line naming what was typed.</summary>
    public static CliArguments Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0] is "-h" or "--help" or "help")
            return new CliArguments(null, new Dictionary<string, string>(), new Dictionary<string, string?>());

        var commandNames = CliCommands.All.Select(c => c.Name).ToList();
        var first = args[0];
        if (first.StartsWith('-'))
        {
            var guess = CliCommands.All.FirstOrDefault(c => c.Options.Any(o => o.Name == first))?.Name ?? commandNames[0];
            throw new UsageException($"The command is missing: start with one of {string.Join(", ", commandNames)}, " +
                                     $"e.g. `{CliCommands.Invocation} {guess} {string.Join(' ', args)}`.");
        }
        var command = CliCommands.Find(first) ?? throw new UsageException(
            $"Unknown command '{first}'{DidYouMean(first, commandNames)} Commands: {string.Join(", ", commandNames)}.");

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var options = command.Options.Concat(CliCommands.Common).ToList();
        for (var i = 1; i < args.Count; i++)
        {
            var typed = args[i];
            if (!typed.StartsWith('-'))
            {
                if (command.Argument is null)
                    throw new UsageException($"Unexpected '{typed}': {command.Name} takes its values after an option name, e.g. " +
                        $"{command.Options.FirstOrDefault(o => o.Value is not null)?.Synopsis ?? command.Name}.");
                if (values.ContainsKey(ArgumentKey))
                    throw new UsageException($"{command.Name} takes one {command.Argument.Name}; '{typed}' is a second one.");
                values[ArgumentKey] = typed;
                continue;
            }
            var (name, inline) = typed.IndexOf('=', StringComparison.Ordinal) is > 0 and var eq ? (typed[..eq], typed[(eq + 1)..]) : (typed, null);
            var option = options.FirstOrDefault(o => o.Name == name) ?? throw new UsageException(UnknownOption(command, name));

            string value;
            if (option.Kind == ValueKind.Flag)
            {
                if (inline is not null) throw new UsageException($"{option.Name} takes no value, but got '{inline}'.");
                value = "true";
            }
            else if (inline is not null) value = inline;
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal)) value = args[++i];
            else throw new UsageException($"{option.Name} needs a value: {option.Synopsis}.");

            Check(option, value);
            values[option.Name] = option.Kind == ValueKind.Mapping
                && values.TryGetValue(option.Name, out var earlier) ? earlier + RepeatSeparator + value : value;
            if (option.Setting is not null) settings[option.Setting] = value;
        }
        if (command.Argument is not null && !values.ContainsKey(ArgumentKey) && !values.ContainsKey(CliCommands.Help.Name))
            throw new UsageException($"{command.Name} needs {command.Argument.Name}: {CliCommands.Invocation} {command.Synopsis}.");
        return new CliArguments(command, values, settings);
    }

    private static string UnknownOption(CliCommand command, string name)
    {
        var elsewhere = CliCommands.All.FirstOrDefault(c => c != command && c.Options.Any(o => o.Name == name));
        if (command.Name == "import" && name == CliCommands.Out.Name)
            return $"import does not take --out (that is an option of run): to write a tracker file, use --tracker OUT.json.";
        if (elsewhere is not null) return $"{command.Name} does not take {name} (that is an option of {elsewhere.Name}).";
        var known = command.Options.Concat(CliCommands.Common).Select(o => o.Name);
        return $"Unknown option '{name}' for {command.Name}{DidYouMean(name, known)}";
    }

    /// <summary>The end of a sentence: a suggestion when one is close enough, else a full stop.</summary>
    private static string DidYouMean(string typed, IEnumerable<string> known) =>
        CliCommands.Suggest(typed, known) is { } guess ? $": did you mean `{guess}`?" : ".";

    /// <summary>Catches the mistakes that can be seen before anything runs, naming the option and what was typed.</summary>
    private static void Check(CliOption option, string value)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new UsageException($"{option.Name} needs a value: {option.Synopsis}.");
        switch (option.Kind)
        {
            case ValueKind.Date when ParseDate(value) is null:
                throw new UsageException(System.Text.RegularExpressions.Regex.IsMatch(value, @"^\d{4}-\d{2}-\d{2}$")
                    ? $"{option.Name} '{value}' is not a real date."
                    : $"{option.Name} takes a date as yyyy-MM-dd (e.g. 2017-01-16), not '{value}'.");
            case ValueKind.File or ValueKind.OutputFile when Directory.Exists(value):
                throw new UsageException($"{option.Name} must be a file; '{value}' is a folder.");
            case ValueKind.File when !File.Exists(value):
                throw new UsageException($"{option.Name}: there is no file '{value}' (looked in {Directory.GetCurrentDirectory()}).");
            case ValueKind.Port when !(int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536):
                throw new UsageException($"{option.Name} takes a port number (1-65535), not '{value}'.");
            case ValueKind.Mapping when !value.Contains('=', StringComparison.Ordinal):
                throw new UsageException($"{option.Name} takes \"HEADING=field\", e.g. {option.Name} \"Target date=deadline\", not '{value}'.");
            case ValueKind.Folder when File.Exists(value):
                throw new UsageException($"{option.Name} must be a folder; '{value}' is a file.");
        }
    }

    private static DateOnly? ParseDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}

/// <summary>A mistake on the command line; the message is the one line the person reads.</summary>
public sealed class UsageException(string problem) : Exception(problem);
