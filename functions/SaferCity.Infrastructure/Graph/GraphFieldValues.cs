using System.Globalization;
using System.Text.Json;
using Microsoft.Kiota.Abstractions.Serialization;
using SaferCity.Core.Reading;

namespace SaferCity.Infrastructure.Graph;

/// <summary>
/// Turns what the Graph SDK puts in <c>fields.AdditionalData</c> into the shapes
/// <see cref="ListItemJson.Normalise"/> gives for the same JSON (null, string, bool, list of strings),
/// so items from Graph and from a recorded file meet one parser.
/// The SDK guesses types: strings that look like dates become <see cref="DateTime"/>, GUID-like strings
/// <see cref="Guid"/>, numbers <see cref="decimal"/> (or double …), arrays and objects untyped nodes.
/// </summary>
public static class GraphFieldValues
{
    // The readable part of lookup, person and hyperlink values, as ListItemJson picks it.
    private static readonly string[] ObjectTextKeys = ["LookupValue", "Label", "Description", "Value", "Title"];

    public static object? Normalise(object? value) => value switch
    {
        null or UntypedNull => null,
        string s => s,
        bool b => b,
        UntypedBoolean b => b.GetValue(),
        DateTime dt => Iso(dt),
        DateTimeOffset dto => Iso(dto),
        UntypedArray array => array.GetValue().Select(Scalar).OfType<string>().ToList(),
        UntypedNode node => Scalar(node),
        JsonElement element => ListItemJson.Normalise(element),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture), // decimal, double, int, Guid …
        _ => value.ToString(),
    };

    private static string? Scalar(UntypedNode node) => node switch
    {
        UntypedString s => s.GetValue(),
        UntypedBoolean b => b.GetValue() ? "true" : "false",
        UntypedInteger n => n.GetValue().ToString(CultureInfo.InvariantCulture),
        UntypedLong n => n.GetValue().ToString(CultureInfo.InvariantCulture),
        UntypedDecimal n => n.GetValue().ToString(CultureInfo.InvariantCulture),
        UntypedDouble n => n.GetValue().ToString(CultureInfo.InvariantCulture),
        UntypedFloat n => n.GetValue().ToString(CultureInfo.InvariantCulture),
        UntypedObject o => ObjectTextKeys
            .Select(key => o.GetValue().TryGetValue(key, out var v) && v is UntypedString s ? s.GetValue() : null)
            .FirstOrDefault(s => s is not null),
        _ => null,
    };

    // Written back the way SharePoint sends them ("2016-09-29T23:00:00Z"), so the text is what the file source sees.
    private static string Iso(DateTime value) => value.Kind switch
    {
        DateTimeKind.Unspecified when value.TimeOfDay == TimeSpan.Zero => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeKind.Unspecified => WholeSeconds(value) ? value.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) : value.ToString("o", CultureInfo.InvariantCulture),
        _ => Iso(new DateTimeOffset(value.ToUniversalTime())),
    };

    private static string Iso(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return WholeSeconds(utc.DateTime)
            ? utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
    }

    private static bool WholeSeconds(DateTime value) => value.Ticks % TimeSpan.TicksPerSecond == 0;
}
