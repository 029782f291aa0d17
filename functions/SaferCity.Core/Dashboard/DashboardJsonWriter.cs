using System.Text.Json;
using SaferCity.Core.Model;

namespace SaferCity.Core.Dashboard;

/// <summary>
/// dashboard.json written by hand with a <see cref="Utf8JsonWriter"/>, the actions straight from the public model.
/// The serializer cannot take its generated fast path here (a custom encoder turns it off), and its metadata path
/// was most of the render stage on a large tracker; mapping each action to a <see cref="DashboardAction"/> first
/// cost as much again. The bytes are the serializer's: the same encoder, names, order, nulls and number and date
/// formats (DashboardJsonWriterTests compares the two on awkward values).
/// </summary>
internal static class DashboardJsonWriter
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = DashboardJson.Options.Encoder,
        Indented = false,
        // Validation checks our own calls, not the data: the shape is fixed and tested.
        SkipValidation = true,
    };

    /// <summary>Pending bytes are handed on past this size: the file is never held whole.</summary>
    private const int FlushAt = 64 * 1024;

    public static async Task WriteAsync(Stream destination, DashboardDocument document, IReadOnlyList<PublicAction> actions,
        CancellationToken cancellationToken)
    {
        await using var w = new Utf8JsonWriter(destination, WriterOptions);
        var dates = new IsoDates();
        WriteHead(w, document);
        foreach (var action in actions)
        {
            WriteAction(w, action, dates);
            if (w.BytesPending > FlushAt) await w.FlushAsync(cancellationToken);
        }
        WriteTail(w, document);
        await w.FlushAsync(cancellationToken);
    }

    public static void Write(Stream destination, DashboardDocument document, IReadOnlyList<PublicAction> actions)
    {
        using var w = new Utf8JsonWriter(destination, WriterOptions);
        var dates = new IsoDates();
        WriteHead(w, document);
        foreach (var action in actions)
        {
            WriteAction(w, action, dates);
            if (w.BytesPending > FlushAt) w.Flush();
        }
        WriteTail(w, document);
        w.Flush();
    }

    /// <summary>Everything before the first action, in the record's declaration order (the serializer's).</summary>
    private static void WriteHead(Utf8JsonWriter w, DashboardDocument d)
    {
        w.WriteStartObject();
        w.WriteNumber(Names.SchemaVersion, d.SchemaVersion);
        w.WriteString(Names.AsOf, d.AsOf);
        w.WriteString(Names.GeneratedAt, d.GeneratedAt);
        w.WritePropertyName(Names.Summary);
        WriteSummary(w, d.Summary);
        w.WriteStartArray(Names.Actions);
    }

    private static void WriteSummary(Utf8JsonWriter w, DashboardSummary? s)
    {
        if (s is null)
        {
            w.WriteNullValue();
            return;
        }
        w.WriteStartObject();
        w.WriteNumber(Names.Total, s.Total);
        w.WriteNumber(Names.Complete, s.Complete);
        w.WriteNumber(Names.Open, s.Open);
        w.WriteNumber(Names.Overdue, s.Overdue);
        w.WriteNumber(Names.DueSoon, s.DueSoon);
        w.WriteNumber(Names.Red, s.Red);
        w.WriteNumber(Names.Amber, s.Amber);
        w.WriteNumber(Names.Green, s.Green);
        w.WriteNumber(Names.RagMismatch, s.RagMismatch);
        w.WriteNumber(Names.Unrated, s.Unrated);
        w.WriteNumber(Names.Stale, s.Stale);
        w.WriteEndObject();
    }

    /// <summary>One action as <see cref="DashboardDocument"/>'s mapping (ToAction) gives it.</summary>
    private static void WriteAction(Utf8JsonWriter w, PublicAction a, IsoDates dates)
    {
        w.WriteStartObject();
        w.WriteString(Names.Id, a.Id);
        w.WriteString(Names.Theme, a.Theme);
        w.WriteString(Names.Text, a.Text);
        w.WriteString(Names.Deadline, dates.Of(a.Deadline));
        WriteStrings(w, Names.Leads, a.Leads);
        WriteRag(w, Names.Rag, a.Rag);
        w.WriteString(Names.Status, a.Complete ? Names.CompleteWord : Names.OpenWord);
        w.WriteBoolean(Names.Overdue, a.Overdue);
        w.WriteNumber(Names.DaysOverdue, a.DaysOverdue);
        w.WriteBoolean(Names.DueSoon, a.DueSoon);
        w.WriteBoolean(Names.RagMismatch, a.RagMismatch);
        w.WriteString(Names.Comments, a.Comments);
        w.WriteStartArray(Names.Drift);
        for (var i = 0; i < a.Drift.Count; i++) WriteDrift(w, a.Drift[i], dates);
        w.WriteEndArray();
        w.WriteString(Names.LastUpdated, dates.Of(a.LastUpdated));
        w.WriteBoolean(Names.Stale, a.Stale);
        w.WriteStartArray(Names.History);
        // Indexed, not foreach: an enumerator of an IReadOnlyList is an allocation, three per action.
        for (var i = 0; i < a.History.Count; i++)
        {
            var p = a.History[i];
            w.WriteStartObject();
            w.WriteString(Names.AsOf, dates.Of(p.AsOf));
            WriteRag(w, Names.Rag, p.Rag);
            w.WriteString(Names.Deadline, dates.Of(p.Deadline));
            w.WriteString(Names.Status, p.Complete ? Names.CompleteWord : Names.OpenWord);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>As <see cref="DriftItem.Of(DriftChange, IsoDates)"/> maps it.</summary>
    private static void WriteDrift(Utf8JsonWriter w, DriftChange d, IsoDates dates)
    {
        w.WriteStartObject();
        w.WriteString(Names.Kind, Wording.JsonName(d.Kind));
        w.WriteString(Names.From, d.FromRag?.ToWord() ?? dates.Of(d.FromDate));
        w.WriteString(Names.To, d.ToRag?.ToWord() ?? dates.Of(d.ToDate));
        w.WriteEndObject();
    }

    private static void WriteRag(Utf8JsonWriter w, JsonEncodedText name, Rag? rag)
    {
        if (rag is { } r) w.WriteString(name, Names.RagWords[(int)r]);
        else w.WriteNull(name);
    }

    private static void WriteStrings(Utf8JsonWriter w, JsonEncodedText name, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            w.WriteNull(name);
            return;
        }
        w.WriteStartArray(name);
        for (var i = 0; i < values.Count; i++) w.WriteStringValue(values[i]);
        w.WriteEndArray();
    }

    /// <summary>Everything after the last action.</summary>
    private static void WriteTail(Utf8JsonWriter w, DashboardDocument d)
    {
        w.WriteEndArray();
        WriteList(w, Names.Removed, d.Removed, static (w, r) => w.WriteString(Names.Id, r.Id));
        WriteList(w, Names.DataQuality, d.DataQuality, static (w, f) =>
        {
            w.WriteString(Names.Id, f.Id);
            w.WriteString(Names.Field, f.Field);
            w.WriteString(Names.Problem, f.Problem);
            w.WriteString(Names.Value, f.Value);
        });
        w.WriteString(Names.DriftSince, d.DriftSince);
        WriteList(w, Names.Trend, d.Trend, static (w, t) =>
        {
            w.WriteString(Names.AsOf, t.AsOf);
            w.WriteNumber(Names.Red, t.Red);
            w.WriteNumber(Names.Amber, t.Amber);
            w.WriteNumber(Names.Green, t.Green);
            w.WriteNumber(Names.Complete, t.Complete);
        });
        WriteStrings(w, Names.Themes, d.Themes);
        w.WriteNumber(Names.StaleAfterDays, d.StaleAfterDays);
        w.WriteEndObject();
    }

    /// <summary>A list of small objects; a null list or item is written as null, as the serializer writes it.</summary>
    private static void WriteList<T>(Utf8JsonWriter w, JsonEncodedText name, IReadOnlyList<T>? items, Action<Utf8JsonWriter, T> body)
        where T : class
    {
        if (items is null)
        {
            w.WriteNull(name);
            return;
        }
        w.WriteStartArray(name);
        foreach (var item in items)
        {
            if (item is null)
            {
                w.WriteNullValue();
                continue;
            }
            w.WriteStartObject();
            body(w, item);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>The camelCase names the serializer's web defaults give, encoded once.</summary>
    private static class Names
    {
        public static readonly JsonEncodedText SchemaVersion = JsonEncodedText.Encode("schemaVersion");
        public static readonly JsonEncodedText AsOf = JsonEncodedText.Encode("asOf");
        public static readonly JsonEncodedText GeneratedAt = JsonEncodedText.Encode("generatedAt");
        public static readonly JsonEncodedText Summary = JsonEncodedText.Encode("summary");
        public static readonly JsonEncodedText Actions = JsonEncodedText.Encode("actions");
        public static readonly JsonEncodedText Removed = JsonEncodedText.Encode("removed");
        public static readonly JsonEncodedText DataQuality = JsonEncodedText.Encode("dataQuality");
        public static readonly JsonEncodedText DriftSince = JsonEncodedText.Encode("driftSince");
        public static readonly JsonEncodedText Trend = JsonEncodedText.Encode("trend");
        public static readonly JsonEncodedText Themes = JsonEncodedText.Encode("themes");
        public static readonly JsonEncodedText StaleAfterDays = JsonEncodedText.Encode("staleAfterDays");
        public static readonly JsonEncodedText Total = JsonEncodedText.Encode("total");
        public static readonly JsonEncodedText Complete = JsonEncodedText.Encode("complete");
        public static readonly JsonEncodedText Open = JsonEncodedText.Encode("open");
        public static readonly JsonEncodedText Overdue = JsonEncodedText.Encode("overdue");
        public static readonly JsonEncodedText DueSoon = JsonEncodedText.Encode("dueSoon");
        public static readonly JsonEncodedText Red = JsonEncodedText.Encode("red");
        public static readonly JsonEncodedText Amber = JsonEncodedText.Encode("amber");
        public static readonly JsonEncodedText Green = JsonEncodedText.Encode("green");
        public static readonly JsonEncodedText RagMismatch = JsonEncodedText.Encode("ragMismatch");
        public static readonly JsonEncodedText Unrated = JsonEncodedText.Encode("unrated");
        public static readonly JsonEncodedText Stale = JsonEncodedText.Encode("stale");
        public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
        public static readonly JsonEncodedText Theme = JsonEncodedText.Encode("theme");
        public static readonly JsonEncodedText Text = JsonEncodedText.Encode("text");
        public static readonly JsonEncodedText Deadline = JsonEncodedText.Encode("deadline");
        public static readonly JsonEncodedText Leads = JsonEncodedText.Encode("leads");
        public static readonly JsonEncodedText Rag = JsonEncodedText.Encode("rag");
        public static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
        public static readonly JsonEncodedText DaysOverdue = JsonEncodedText.Encode("daysOverdue");
        public static readonly JsonEncodedText Comments = JsonEncodedText.Encode("comments");
        public static readonly JsonEncodedText Drift = JsonEncodedText.Encode("drift");
        public static readonly JsonEncodedText LastUpdated = JsonEncodedText.Encode("lastUpdated");
        public static readonly JsonEncodedText History = JsonEncodedText.Encode("history");
        public static readonly JsonEncodedText Kind = JsonEncodedText.Encode("kind");
        public static readonly JsonEncodedText From = JsonEncodedText.Encode("from");
        public static readonly JsonEncodedText To = JsonEncodedText.Encode("to");
        public static readonly JsonEncodedText Field = JsonEncodedText.Encode("field");
        public static readonly JsonEncodedText Problem = JsonEncodedText.Encode("problem");
        public static readonly JsonEncodedText Value = JsonEncodedText.Encode("value");

        public static readonly JsonEncodedText CompleteWord = JsonEncodedText.Encode("complete");
        public static readonly JsonEncodedText OpenWord = JsonEncodedText.Encode("open");

        /// <summary>Indexed by <see cref="Model.Rag"/>'s value: its <see cref="RagExtensions.ToWord"/>.</summary>
        public static readonly JsonEncodedText[] RagWords =
            [.. Enum.GetValues<Model.Rag>().OrderBy(r => (int)r).Select(r => JsonEncodedText.Encode(r.ToWord()))];
    }
}
