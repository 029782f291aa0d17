using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace SaferCity.Core.Dashboard;

/// <summary>
/// The personal-data screen: finds what, in a value bound for the public dashboard, looks like a detail about a person.
/// A value with a match is withheld whole (<see cref="PublicScreen"/>); nothing is cut out of the middle of a sentence,
/// because what is left of "Mr A. Khan, victim of …" still identifies him to anyone who knows the case.
/// Each pattern is written for the way officers write and checked against the seed tracker's real comments
/// (docs/privacy.md lists the patterns and what they were measured on). A pattern that takes too long counts as a
/// match: the screen fails closed.
/// </summary>
public static partial class PersonalDataScreen
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(1);

    // One test for both patterns about a sensitive term: Find runs it once for the two (declared before Patterns, which uses it).
    private static readonly Func<string, bool> SensitiveWordIn = MayNameASensitiveTerm;

    // Could is a cheap test that the pattern could match at all (a character or word it cannot match without): the
    // slowest patterns otherwise start at every word of every comment, most of a run's time at 50,000 actions. Digit says
    // the pattern cannot match without a decimal digit; most texts have none, and one search says so for all twelve.
    private static readonly (string Kind, Regex Pattern, Func<Match, bool>? Check, Func<string, bool>? Could, bool Digit)[] Patterns =
    [
        ("a UK phone number", Phone(), null, null, true),
        ("a postcode", Postcode(), null, static t => HasLetterThenDigit(t) && HasDigitThenTwoLetters(t), true),
        ("a National Insurance number", NiNumber(), null, HasLetterThenTwoDigits, true),
        ("a crime or case reference", CaseReference(), null, null, true),
        ("a crime or case reference", CrimeReferenceShape(), null, null, true),
        ("an NHS number", NhsNumber(), m => NhsChecksum(m.Value), null, true),
        ("an NHS number", NhsLabelled(), null, null, true),
        ("a date of birth", DateOfBirth(), null, null, true),
        ("a date of birth", OldFullDate(), null, null, true),
        ("a vehicle registration", VehicleCurrent(), null, null, true),
        ("a vehicle registration", VehicleLabelled(), null, null, true),
        ("a person's name", TitledName(), m => !NotAName(m.Groups["name"].Value), null, false),
        ("an email address", DisguisedEmail(), null, HasAtAsAWord, false),
        ("an email address", EmailWithoutDomain(), null, static t => t.Contains('@'), false),
        ("a person's age", SingleAge(), null, null, true),
        ("a person's ethnicity, religion, health or sexuality", SensitiveAboutSomeone(), null, SensitiveWordIn, false),
        ("a person's ethnicity, religion, health or sexuality", SensitiveDescribed(), null, SensitiveWordIn, false),
    ];

    /// <summary>
    /// Names this screen: its patterns, what each finds, the words that are not names, and the build that holds its
    /// checks. Texts passed by one screen (<see cref="ScreenedTexts"/>) are passed by another only if this is the same.
    /// </summary>
    public static string Signature => signature ??= SignatureOf(SignatureParts());

    private static string? signature;

    internal static IEnumerable<string> SignatureParts() =>
        Patterns.Select(p =>
                $"{p.Kind}\u0001{p.Pattern}\u0001{(int)p.Pattern.Options}\u0001{p.Check is null}\u0001{p.Could is null}\u0001{p.Digit}")
            .Append(string.Join(",", NotNames.Order(StringComparer.Ordinal)))
            .Append(typeof(PersonalDataScreen).Assembly.ManifestModule.ModuleVersionId.ToString());

    internal static string SignatureOf(IEnumerable<string> parts)
    {
        var text = new StringBuilder();
        foreach (var part in parts) text.Append(part.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(part);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The first thing in <paramref name="text"/> that looks personal, or null when nothing does.</summary>
    public static PersonalDataMatch? Find(string? text) => Find(text, prefiltered: true);

    /// <summary>
    /// <see cref="Find(string?)"/>, or with <paramref name="prefiltered"/> false every pattern tried on every text: the
    /// prefilters only skip patterns that cannot match, so the two give the same (ScreenPrefiltersTests compares them).
    /// </summary>
    internal static PersonalDataMatch? Find(string? text, bool prefiltered)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        // Entities and URL escapes are undone first, so "j.smith&#64;city" or "j.smith%40city" is read as "@".
        var plain = Decode(text);
        var digit = !prefiltered || HasDigit(plain);
        (Func<string, bool>? Test, bool Passed) last = (null, false); // consecutive patterns sharing a test run it once
        foreach (var (kind, pattern, check, could, needsDigit) in Patterns)
        {
            if (needsDigit && !digit) continue;
            if (prefiltered && could is not null && !ReferenceEquals(could, last.Test)) last = (could, could(plain));
            if (prefiltered && could is not null && !last.Passed) continue;
            if (Match(kind, pattern, check, plain) is { } found) return found;
        }
        return null;
    }

    private static PersonalDataMatch? Match(string kind, Regex pattern, Func<Match, bool>? check, string plain)
    {
        try
        {
            for (var m = pattern.Match(plain); m.Success; m = m.NextMatch())
            {
                if (check is null || check(m)) return new PersonalDataMatch(kind, m.Value.Trim());
            }
            return null;
        }
        catch (RegexMatchTimeoutException)
        {
            return new PersonalDataMatch(kind, "(too long to check)");
        }
    }

    // \d is every decimal digit (char.IsDigit: the same set, ScreenPrefiltersTests), and IgnoreCase adds none. Outside
    // ASCII the first is U+0660, so a text of ASCII, Latin-1 and punctuation such as dashes is passed over in vector steps.
    private static bool HasDigit(string text)
    {
        var rest = text.AsSpan();
        if (rest.IndexOfAnyInRange('0', '9') >= 0) return true;
        for (var i = rest.IndexOfAnyExceptInRange('\0', '\u065F'); i >= 0; i = rest.IndexOfAnyExceptInRange('\0', '\u065F'))
        {
            if (char.IsDigit(rest[i])) return true;
            rest = rest[(i + 1)..];
        }
        return false;
    }

    // A postcode's outward code has a letter then a digit ("SW1A", "M1"); \d and IgnoreCase are Unicode-wide, so these are too.
    private static bool HasLetterThenDigit(string text)
    {
        for (var i = 1; i < text.Length; i++)
        {
            if (char.IsDigit(text[i]) && char.IsLetter(text[i - 1])) return true;
        }
        return false;
    }

    // A postcode's inward code is a digit then two letters ("7HH").
    private static bool HasDigitThenTwoLetters(string text)
    {
        for (var i = 2; i < text.Length; i++)
        {
            if (char.IsLetter(text[i]) && char.IsLetter(text[i - 1]) && char.IsDigit(text[i - 2])) return true;
        }
        return false;
    }

    // A National Insurance number's prefix letter, then its digits with at most one white space before them ("AB 12",
    // "AB\u00A0１２"): \s and \d are Unicode-wide, and so are char.IsWhiteSpace and char.IsDigit.
    private static bool HasLetterThenTwoDigits(string text)
    {
        for (var i = 2; i < text.Length; i++)
        {
            if (!char.IsDigit(text[i]) || !char.IsDigit(text[i - 1])) continue;
            if (char.IsLetter(text[i - 2]) || (i >= 3 && char.IsWhiteSpace(text[i - 2]) && char.IsLetter(text[i - 3]))) return true;
        }
        return false;
    }

    // Where a sensitive term can start: both patterns have white space (\s) just before the term, and every term starts
    // with a word of three ASCII letters or more ("self" for "self[\s\-]harm\w*", "Roma" for "Romanian"). So only the starts
    // of words are looked at, and there only the terms' first words (the first two letters pick the few to compare), ignoring
    // ASCII case. IgnoreCase reads one character outside ASCII as an ASCII letter, the Kelvin sign, so a text with one
    // goes to the patterns (ScreenPrefiltersTests asks the regex engine which characters it folds, and that \s is
    // char.IsWhiteSpace). A search for the terms anywhere in the text, as before, met a candidate in most words.
    private static readonly string[][] TermStarts = FirstWordsByTwoLetters(SensitiveTerms);

    internal const char KelvinSign = '\u212A';

    private static bool MayNameASensitiveTerm(string text)
    {
        if (text.Contains(KelvinSign)) return true;
        var span = text.AsSpan();
        for (var i = 0; i + 3 < span.Length; i++) // every first word has three letters or more
        {
            // Printable ASCII other than the space is never white space: most characters are passed over here.
            if (span[i] is > ' ' and < '\u0085' || !char.IsWhiteSpace(span[i])) continue;
            if (TwoLetters(span[i + 1], span[i + 2]) is not (>= 0 and var pair)) continue;
            var third = span[i + 3] | 0x20; // an ASCII letter in lower case; never a letter for anything outside ASCII
            foreach (var word in TermStarts[pair])
            {
                if (third == (word[2] | 0x20) && span[(i + 1)..].StartsWith(word, StringComparison.OrdinalIgnoreCase)) return true;
            }
        }
        return false;
    }

    // Two ASCII letters in any case as a number below 26 x 26; -1 for anything else.
    private static int TwoLetters(char first, char second)
    {
        uint a = (uint)((first | 0x20) - 'a'), b = (uint)((second | 0x20) - 'a');
        return a < 26 && b < 26 ? (int)(a * 26 + b) : -1;
    }

    /// <summary>
    /// The leading ASCII letters of each top-level alternative in <paramref name="terms"/>, filed by their first two; the
    /// last is left out when a quantifier after it lets it be absent ("Jews?" starts "Jew").
    /// </summary>
    internal static string[][] FirstWordsByTwoLetters(string terms)
    {
        var filed = new List<string>[26 * 26];
        foreach (var term in TopLevelAlternatives(terms))
        {
            var length = 0;
            while (length < term.Length && char.IsAsciiLetter(term[length])) length++;
            if (length < term.Length && term[length] is '?' or '*' or '{') length--;
            if (length < 3) throw new ArgumentException($"A sensitive term must start with three ASCII letters: {term}", nameof(terms));
            (filed[TwoLetters(term[0], term[1])] ??= []).Add(term[..length]);
        }
        return [.. filed.Select(words => words?.ToArray() ?? [])];
    }

    private static List<string> TopLevelAlternatives(string pattern)
    {
        var parts = new List<string>();
        var (depth, start) = (0, 0);
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '\\') i++; // an escaped character is never a bracket or a bar
            else if (pattern[i] is '(' or '[') depth++;
            else if (pattern[i] is ')' or ']') depth--;
            else if (pattern[i] == '|' && depth == 0)
            {
                parts.Add(pattern[start..i]);
                start = i + 1;
            }
        }
        parts.Add(pattern[start..]);
        return parts;
    }

    // "at" as a word between white space or brackets ("j.smith at city", "jsmith(at)city"): DisguisedEmail cannot match
    // without it. No character outside ASCII is an "a" or a "t" to IgnoreCase, and char.IsWhiteSpace is the regex's \s.
    private static bool HasAtAsAWord(string text)
    {
        var span = text.AsSpan();
        for (var i = span.IndexOf("at", StringComparison.OrdinalIgnoreCase); i >= 0;)
        {
            if (i > 0 && i + 2 < span.Length && (char.IsWhiteSpace(span[i - 1]) || span[i - 1] is '[' or '(' or '{') &&
                (char.IsWhiteSpace(span[i + 2]) || span[i + 2] is ']' or ')' or '}')) return true;
            var next = span[(i + 1)..].IndexOf("at", StringComparison.OrdinalIgnoreCase);
            i = next < 0 ? -1 : i + 1 + next;
        }
        return false;
    }

    private static string Decode(string text)
    {
        if (text.AsSpan().IndexOfAny('&', '%') < 0) return text;
        var html = WebUtility.HtmlDecode(text).Replace("&commat;", "@", StringComparison.OrdinalIgnoreCase);
        return html.Replace("%40", "@", StringComparison.Ordinal);
    }

    // Nine or ten digits after the 0 or the +44: landlines (020 7946 0958, (0161) 496 0000, 01632 960123) and mobiles
    // (07700 900123, +44 (0)7700-900-123, 07700.900.123). Counts and years ("2016 2017", "10 000") never start with 0[1-37-9].
    [GeneratedRegex(
        @"(?<![\w+])(?:(?:\+|00)\s?44\s?(?:\(0\)\s?)?|\(?0)[1-37-9](?:[ .\-]?\)?[ .\-]?\d){8,9}(?!\d)",
        RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Phone();

    // The outward code starts with one of the UK's postcode areas, so "Q3 2AB" or "A1 4TH" do not match.
    [GeneratedRegex(
        @"\b(?:AB|AL|B|BA|BB|BD|BH|BL|BN|BR|BS|BT|CA|CB|CF|CH|CM|CO|CR|CT|CV|CW|DA|DD|DE|DG|DH|DL|DN|DT|DY|E|" +
        @"EC|EH|EN|EX|FK|FY|G|GL|GU|GY|HA|HD|HG|HP|HR|HS|HU|HX|IG|IM|IP|IV|JE|KA|KT|KW|KY|L|LA|LD|LE|LL|LN|LS|" +
        @"LU|M|ME|MK|ML|N|NE|NG|NN|NP|NR|NW|OL|OX|PA|PE|PH|PL|PO|PR|RG|RH|RM|S|SA|SE|SG|SK|SL|SM|SN|SO|SP|SR|" +
        @"SS|ST|SW|SY|TA|TD|TF|TN|TQ|TR|TS|TW|UB|W|WA|WC|WD|WF|WN|WR|WS|WV|YO|" + @"ZE)\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2}\b",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 1000)]
    private static partial Regex Postcode();

    [GeneratedRegex(
        @"\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 1000)]
    private static partial Regex NiNumber();

    [GeneratedRegex(@"(?<![\d/.])\d{3}[\s-]?\d{3}[\s-]?\d{4}(?![\d/])", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex NhsNumber();

    [GeneratedRegex(@"\bNHS\s*(?:no\.?|number|#)?\s*[:.]?\s*\d[\d\s-]{8,12}\d\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 1000)]
    private static partial Regex NhsLabelled();

    /// <summary>NHS numbers carry a modulus 11 check digit: most ten-digit numbers that are not NHS numbers fail it.</summary>
    private static bool NhsChecksum(string value)
    {
        var d = value.Where(char.IsAsciiDigit).Select(c => c - '0').ToArray();
        if (d.Length != 10 || d.All(x => x == d[0])) return false;
        var sum = 0;
        for (var i = 0; i < 9; i++) sum += d[i] * (10 - i);
        var check = 11 - sum % 11;
        if (check == 11) check = 0;
        return check != 10 && check == d[9];
    }

    private const string Months =
        "Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|" +
        "Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?";

    private const string AnyDate =
        @"(?:\d{1,2}[/.\-]\d{1,2}[/.\-](?:19|20)?\d{2}|\d{1,2}(?:st|nd|rd|th)?\s+(?:" + Months +
        @")\.?\s+(?:19|20)\d{2}|(?:19|20)\d{2}-\d{2}-\d{2})";

    [GeneratedRegex(
        @"\b(?:d\.?o\.?b\.?|date\s+of\s+birth|born(?:\s+on)?)\b\s*[:\-]?\s*" + AnyDate,
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 1000)]
    private static partial Regex DateOfBirth();

    // A full date in the last century is a birth date in a tracker about this decade's work ("12/03/1985").
    [GeneratedRegex(
        @"\b(?:\d{1,2}[/.\-]\d{1,2}[/.\-]19\d{2}|\d{1,2}(?:st|nd|rd|th)?\s+(?:" + Months + @")\.?\s+19\d{2})\b",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 1000)]
    private static partial Regex OldFullDate();

    // Since 2001: two letters, the age identifier, three letters (LV67 XYZ). Upper case only: "ab12 cde" is rarely a plate.
    [GeneratedRegex(@"\b[A-HJ-PR-Y][A-HJ-PR-Y]\s?(?:0[1-9]|[1-7]\d)\s?[A-HJ-PR-Z]{3}\b", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex VehicleCurrent();

    // Older plates (A123 BCD, ABC 123D) only when the text says it is a vehicle: "A1 ASB" alone is a road and a topic.
    [GeneratedRegex(
        @"\b(?:VRM|reg(?:istration)?(?:\s*(?:no\.?|number|plate|mark))?|index|plate|vehicle|car|van|" +
        @"moped)\b\s*[:\-]?\s*(?:[A-Z]\d{1,3}\s?[A-Z]{3}|[A-Z]{3}\s?\d{1,3}[A-Z]|[A-Z]{2}\d{2}\s?[A-Z]{3})\b",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 1000)]
    private static partial Regex VehicleLabelled();

    // "crime ref 4201234/17", "Athena 7016123456", "MARAC case M123", "CAD 1234/12JAN17", "CRIS 01/1234567/17", "URN 01AB1234517".
    [GeneratedRegex(
        @"\b(?:crime|incident|occurrence|athena|niche|cris|cad|storm|marac|mash|urn|case|" +
        @"log)\b(?:\s+(?:ref(?:erence)?|no\.?|number|id))?\s*[:#.]?\s*(?!(?:19|" +
        @"20)\d{2}(?:/\d{2,4})?\b)(?=[A-Z0-9/\-]*\d{3})[A-Z]{0,4}[/\-]?\d[A-Z0-9/\-]{3,}",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 1000)]
    private static partial Regex CaseReference();

    // Reference shapes without a label: force/number/year ("01/1234567/17", "CR/12345/17"), never a date (01/12/2016).
    [GeneratedRegex(@"\b(?:\d{1,2}|[A-Z]{2,3})/\d{4,8}/\d{2}\b", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex CrimeReferenceShape();

    // A title or rank, then initials or a capitalised name: "DC Jane Smith", "Mr A. Khan", "Sgt O'Neill", "Cllr Patel".
    [GeneratedRegex(
        @"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Rev|Sir|Dame|DC|DS|DI|DCI|DSI|DSupt|Det|PC|WPC|PCSO|Sgt|Sergeant|" +
        @"Insp|Inspector|Ch\.?\s?Insp|Supt|Superintendent|Constable|Cllr|Councillor|Alderman|" +
        @"Deputy)\.?\s+(?<name>(?:[A-Z]\.?\s*){0,3}[A-Z][a-z]*['’\-]?[A-Za-z][a-z'’\-]+)" + @"(?:\s[A-Z][a-z]*['’\-]?[A-Za-z][a-z'’\-]+)?",
        RegexOptions.CultureInvariant, 1000)]
    private static partial Regex TitledName();

    // Words that follow a rank or title without naming anyone: "PC Training", "DS Team", "Deputy Chief", "Deputy Town Clerk".
    private static readonly HashSet<string> NotNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "Team", "Teams", "Training", "Council", "Police", "Service", "Services", "Meeting", "Meetings", "Board", "Office", "Officer",
        "Officers", "Unit", "Units", "Strategy", "Report", "Reports", "Review", "World", "Network", "Group", "Groups", "Chief",
        "Chair", "Head", "Director", "Mayor", "Leader", "Lead", "Manager", "Commissioner", "Assistant", "Town", "Clerk", "Chairman",
        "Policing", "Partnership", "Programme", "Project", "Panel", "Forum", "Scheme", "Campaign", "Week", "Day", "Days", "Update",
        "Updates", "Role", "Roles", "Post", "Posts", "Rota", "Course", "Courses", "Guidance", "Plan", "Plans", "Level", "Rank",
        "Ranks", "Grade", "Vacancy", "Vacancies", "Recruitment", "Notes", "Minutes", "Briefing", "Briefings",
    };

    private static bool NotAName(string word) => NotNames.Contains(word.Trim());

    // "j.smith at city dot gov dot uk", "j.smith [at] city [dot] gov", "jsmith (at) citypolice".
    [GeneratedRegex(
        @"\b[\w.'+\-]+\s*(?:[\[({]\s*at\s*[\])}]\s*[\w\-]+|\s+at\s+[\w\-]+(?:\s*(?:[\[({]\s*dot\s*[\])}]|" +
        @"\s+dot\s+)\s*[\w\-]+)+)|\b[\w.'+\-]+\s+at\s+[\w\-]+\s*[\[({]\s*dot\s*[\])}]",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 1000)]
    private static partial Regex DisguisedEmail();

    // An address without a top-level domain ("jsmith@citypolice"), or one the redactor's pattern did not take.
    [GeneratedRegex(@"\w[\w.'+\-]*@[\w\-]{2,}", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex EmailWithoutDomain();

    // One person's age: "a child aged 14", "age 15", "a 14-year-old", "(14yo)". Not a cohort: "aged 11-18", "aged 16+",
    // "aged under 25", "14 year olds".
    [GeneratedRegex(
        @"\b(?:aged?\s+\d{1,2}(?!\s*(?:\+|-|–|to\b|and\b|or\b|\d))|(?:a|an|one)\s+\d{1,2}[\s\-]?(?:year|" +
        @"yr)s?[\s\-]?old(?!s)\b|\d{1,2}\s?yo\b|\d{1,2}\s?y/o\b)",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 1000)]
    private static partial Regex SingleAge();

    private const string SensitiveTerms =
        @"Muslim|Jewish|Jew|Hindu|Sikh|Christian|Catholic|Buddhist|atheist|Black|White British|Asian|Somali|Roma|Gypsy|Traveller|Irish Traveller|" +
        "Polish|Romanian|Eritrean|Afghan|Kurdish|mixed race|" +
        @"pregnant|disabled|autistic|autism|dementia|schizophreni[ac]\w*|bipolar|psychosis|psychotic|depressed|depression|epilep\w+|diabetic|" +
        @"HIV|hepatitis|cancer|alcoholic|drug dependent|heroin user|crack user|self[\s\-]harm\w*|suicidal|" +
        @"learning disabilit\w+|mental health (?:condition|problems|issues|needs)|" +
        "gay|lesbian|bisexual|transgender|trans|non-binary";

    private const string Someone =
        @"victim|suspect|offender|perpetrator|client|resident|tenant|child|boy|girl|woman|man|male|female|mother|father|son|daughter|he|she|" +
        @"individual|person|complainant|witness|service user|young person|teenager|youth|subject|his partner|her partner";

    // A sentence that says a particular person is or has one of these: "the victim is Muslim", "he has schizophrenia".
    [GeneratedRegex(
        @"\b(?:" + Someone + @")\b[^.;\n]{0,30}?\b(?:is|was|has|had|who is|identifies as|diagnosed with|suffers from|" +
        @"suffering from|known to be)\s+(?:a\s+|an\s+)?(?:" + SensitiveTerms + @")\b",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 1000)]
    private static partial Regex SensitiveAboutSomeone();

    // One person described by it: "a Muslim woman", "an autistic boy", "the pregnant victim".
    [GeneratedRegex(
        @"\b(?:a|an|the)\s+(?:" + SensitiveTerms + @")\s+(?:" + Someone + @")\b",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 1000)]
    private static partial Regex SensitiveDescribed();
}
