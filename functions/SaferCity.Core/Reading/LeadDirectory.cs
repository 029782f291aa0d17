using SaferCity.Core.Model;

namespace SaferCity.Core.Reading;

/// <summary>
/// Resolves the free text of "Responsibility / Lead service" to leads from the leads list.
/// Matching is case-insensitive and treats ’ and ' alike. A part that names no lead exactly
/// is searched for a lead's name or alias as whole words ("Department of Community and Children's
/// Services Serious Organised Crime Board" still reaches DCCS), longest names first.
/// </summary>
public sealed class LeadDirectory
{
    private readonly Dictionary<string, Lead> _byName = new(StringComparer.Ordinal);
    private readonly List<(string Key, Lead Lead)> _longestFirst = [];

    public LeadDirectory(IEnumerable<Lead> leads)
    {
        var all = leads.ToList();
        Leads = all;
        foreach (var lead in all)
        {
            foreach (var name in lead.Aliases.Prepend(lead.Name))
            {
                var key = Normalise(name);
                if (key.Length > 0) _byName.TryAdd(key, lead);
            }
        }
        _longestFirst.AddRange(_byName.Select(kv => (kv.Key, kv.Value)).OrderByDescending(p => p.Key.Length));
    }

    public IReadOnlyList<Lead> Leads { get; }

    /// <summary>The leads one written part names; empty when it names none.</summary>
    public IReadOnlyList<Lead> Resolve(string part)
    {
        var key = Normalise(part);
        if (key.Length == 0) return [];
        if (_byName.TryGetValue(key, out var exact)) return [exact];

        // Whole-word containment, consuming matched words so "Police" does not match inside
        // "City of London Police" once the longer name has taken it.
        var padded = " " + key + " ";
        var found = new List<Lead>();
        foreach (var (alias, lead) in _longestFirst)
        {
            var at = padded.IndexOf(" " + alias + " ", StringComparison.Ordinal);
            if (at < 0) continue;
            padded = string.Concat(padded.AsSpan(0, at), " | ", padded.AsSpan(at + alias.Length + 2));
            if (!found.Contains(lead)) found.Add(lead);
        }
        return found;
    }

    /// <summary>
    /// The one listed lead that an unmatched name most likely means, for the coordinator to confirm ("TS": Trading
    /// Standards): its initials, the start of its name or alias, or a slip of the keyboard away. Null when none or
    /// more than one fits. Only ever offered as a question: nothing is routed by it.
    /// </summary>
    public string? Suggest(string written)
    {
        var key = Normalise(written);
        if (key.Length < 2) return null;
        var fits = Leads.Where(lead => lead.Aliases.Prepend(lead.Name).Select(Normalise).Any(name => Fits(key, name)))
            .Select(l => l.Name).Distinct().Take(2).ToList();
        return fits.Count == 1 ? fits[0] : null;
    }

    private static readonly HashSet<string> Minor = ["of", "and", "the", "for", "&"];

    private static bool Fits(string key, string name)
    {
        if (name.Length == 0) return false;
        var words = name.Split(' ');
        var compact = key.Replace(" ", "", StringComparison.Ordinal);
        if (compact == string.Concat(words.Select(w => w[0])) || compact == string.Concat(words.Where(w => !Minor.Contains(w)).Select(w => w[0])))
            return true;
        if (key.Length >= 3 && name.StartsWith(key, StringComparison.Ordinal)) return true;
        return key.Length >= 4 && EditDistance.Between(key, name) <= Math.Min(2, name.Length / 4);
    }

    /// <summary>Lower case, curly apostrophes straightened, punctuation dropped, spaces folded.</summary>
    public static string Normalise(string text)
    {
        Span<char> buffer = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        var n = 0;
        var space = false;
        foreach (var raw in text)
        {
            var c = raw is '\u2019' or '\u2018' or '`' ? '\'' : char.ToLowerInvariant(raw);
            if (char.IsLetterOrDigit(c) || c == '\'' || c == '&')
            {
                if (space) buffer[n++] = ' ';
                space = false;
                buffer[n++] = c;
            }
            else
            {
                space = n > 0; // a gap between words; none before the first
            }
        }
        return new string(buffer[..n]);
    }
}
