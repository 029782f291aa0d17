using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html;

namespace SaferCity.Integration.Tests.Reliability;

/// <summary>
/// The public-boundary check, written apart from the code it checks: it never calls the product's redactor or its
/// pattern, so switching redaction off cannot also switch the check off. It looks for three things in every
/// published file: anything shaped like an email address (a deliberately broader pattern than the product's), every
/// address found in the run's inputs (tracker, leads list, settings) searched literally, and the text of every item
/// the inputs hide from the dashboard. Each file is searched as stored and again with JSON, HTML and URL escapes
/// undone (once, and again for HTML carried inside XML), compatibility forms folded (a full-width @ is an @) and invisible characters (zero-width
/// spaces, soft
/// hyphens) removed, so an encoding or a hidden character cannot carry an address past it.
/// </summary>
public sealed partial class PrivacyScanner
{
    private PrivacyScanner(IReadOnlyCollection<string> addresses, IReadOnlyCollection<string> hiddenTexts)
    {
        Addresses = addresses;
        HiddenTexts = hiddenTexts;
    }

    /// <summary>Every address in the inputs, searched for literally (any case).</summary>
    public IReadOnlyCollection<string> Addresses { get; }

    /// <summary>Text that only hidden items carry, searched for literally (any case).</summary>
    public IReadOnlyCollection<string> HiddenTexts { get; }

    /// <summary>
    /// Personal details a test planted in the inputs (a phone number, a name, a reference), searched for literally after
    /// the same decoding: the check owes nothing to the product's patterns, only to what the test knows it typed.
    /// </summary>
    public IReadOnlyCollection<string> PersonalDetails { get; private init; } = [];

    /// <summary>This scanner, also looking for each of <paramref name="details"/>.</summary>
    public PrivacyScanner WithPersonalDetails(params string[] details) =>
        new(Addresses, HiddenTexts) { PersonalDetails = details };

    /// <summary>
    /// Reads the run's inputs: Graph-shaped list files (<c>{"value":[{"fields":{…}}]}</c>), tracker and leads alike,
    /// plus any address the run was configured with (the coordinator's).
    /// </summary>
    public static PrivacyScanner ForInputs(IEnumerable<string> listFiles, params string[] configuredAddresses)
    {
        var addresses = new HashSet<string>(configuredAddresses, StringComparer.OrdinalIgnoreCase);
        var hiddenValues = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var shownValues = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in listFiles)
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(file));
            foreach (var text in Strings(json.RootElement))
            {
                foreach (Match match in Address().Matches(Normalise(text))) addresses.Add(match.Value);
                // An email column's tokens are private even when they are not well-formed addresses.
                foreach (var token in text.Split([';', ',', ' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries))
                    if (token.Contains('@') && token.Length > 1) addresses.Add(token);
            }
            if (!json.RootElement.TryGetProperty("value", out var items) || items.ValueKind != JsonValueKind.Array) continue;
            foreach (var item in items.EnumerateArray())
            {
                if (!item.TryGetProperty("fields", out var fields) || fields.ValueKind != JsonValueKind.Object) continue;
                var hidden = fields.TryGetProperty("HideFromDashboard", out var flag) && IsTrue(flag);
                foreach (var field in fields.EnumerateObject())
                    foreach (var text in Strings(field.Value))
                        (hidden ? hiddenValues : shownValues).Add(text.Trim());
            }
        }
        // Text a shown item also carries ("Ongoing", a theme, a lead) may be published; short values (a number, a
        // RAG letter) would match by chance. What is left is the hidden items' own words.
        var hiddenTexts = hiddenValues.Where(v => v.Length >= 8 && !shownValues.Contains(v)
            && !shownValues.Any(s => s.Contains(v, StringComparison.OrdinalIgnoreCase))).ToList();
        return new PrivacyScanner(addresses, hiddenTexts);
    }

    /// <summary>What each file gives away, one line per finding ("file: what"); empty when nothing private is published.</summary>
    public IReadOnlyList<string> Scan(IReadOnlyDictionary<string, byte[]> files)
    {
        var findings = new List<string>();
        foreach (var (name, content) in files)
        {
            var stored = Encoding.UTF8.GetString(content);
            // Decoded twice too: the feed carries HTML inside XML, so its text is escaped twice.
            foreach (var text in new[] { Normalise(stored), Normalise(Decode(stored)),
                Normalise(Decode(Decode(stored))) }.Distinct(StringComparer.Ordinal))
            {
                foreach (Match match in Address().Matches(text)) findings.Add($"{name}: something shaped like an address: {match.Value}");
                foreach (var address in Addresses)
                    if (text.Contains(Normalise(address),
                        StringComparison.OrdinalIgnoreCase)) findings.Add($"{name}: an address from the inputs: {address}");
                foreach (var hidden in HiddenTexts)
                    if (text.Contains(Normalise(hidden),
                        StringComparison.OrdinalIgnoreCase)) findings.Add($"{name}: text of a hidden item: {hidden}");
                foreach (var detail in PersonalDetails)
                    if (Squeezed(text).Contains(Squeezed(Normalise(detail)),
                        StringComparison.OrdinalIgnoreCase)) findings.Add($"{name}: a personal detail: {detail}");
            }
        }
        return findings.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>White space runs as one space: a detail wrapped across lines in a file is still found.</summary>
    private static string Squeezed(string text) => Regex.Replace(text, @"\s+", " ");

    /// <summary>Compatibility forms folded (NFKC: a full-width @ becomes @) and format characters (Unicode Cf: zero-width spaces and joiners, soft
    /// hyphens, BOMs) removed.</summary>
    public static string Normalise(string text)
    {
        var folded = text.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format) builder.Append(c);
        return builder.ToString();
    }

    /// <summary>JSON \uXXXX escapes, then HTML entities (HTML5's whole list, e.g. &amp;commat;), then URL %XX escapes undone.</summary>
    private static string Decode(string text)
    {
        var json = JsonEscape().Replace(text,
            m => ((char)int.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString());
        var named = NamedEntity().Replace(json, m => HtmlEntityProvider.Resolver.GetSymbol(m.Groups[1].Value + ";") ?? m.Value);
        var html = WebUtility.HtmlDecode(named);
        try
        {
            return Uri.UnescapeDataString(html);
        }
        catch (UriFormatException)
        {
            return html;
        }
    }

    private static bool IsTrue(JsonElement flag) => flag.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.Number => flag.TryGetDouble(out var n) && n != 0,
        JsonValueKind.String => flag.GetString()!.Trim().ToUpperInvariant() is "TRUE" or "YES" or "Y" or "1",
        _ => false,
    };

    /// <summary>The string, or for one holding a lone surrogate escape (the corpus has one), the string with it read as U+FFFD.</summary>
    private static string Text(JsonElement element)
    {
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException)
        {
            var raw = Regex.Replace(element.GetRawText(), @"\\u[dD][89a-fA-F][0-9a-fA-F]{2}", "\\ufffd");
            return JsonSerializer.Deserialize<string>(raw)!;
        }
    }

    private static IEnumerable<string> Strings(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                yield return Text(element);
                break;
            case JsonValueKind.Array:
                foreach (var child in element.EnumerateArray())
                    foreach (var text in Strings(child)) yield return text;
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                    foreach (var text in Strings(property.Value)) yield return text;
                break;
        }
    }

    // Broader than any sensible redactor: letters and digits of any script and case, the RFC 5322 specials
    // (' + ! # $ % & * / = ? ^ ` { | } ~) and the typographic apostrophe in the local part, any script in the domain.
    [GeneratedRegex(@"[\p{L}\p{M}\p{N}.'’+!#$%&*/=?^`{|}~_\-]+@[\p{L}\p{M}\p{N}\-]+(?:\.[\p{L}\p{M}\p{N}\-]+)+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Address();

    [GeneratedRegex(@"&([A-Za-z][A-Za-z0-9]*);", RegexOptions.CultureInvariant)]
    private static partial Regex NamedEntity();

    [GeneratedRegex(@"\\u([0-9A-Fa-f]{4})", RegexOptions.CultureInvariant)]
    private static partial Regex JsonEscape();
}
