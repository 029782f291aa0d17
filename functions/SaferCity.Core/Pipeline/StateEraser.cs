using System.Text.Json;
using System.Text.Json.Nodes;

namespace SaferCity.Core.Pipeline;

/// <summary>What to erase: every stored copy of an action's text, or of a given string (a name, a phone number).</summary>
public sealed record ErasureRequest(string? Action, string? Text);

/// <summary>What was (or, in a dry run, would be) erased: the documents and how many values in each.</summary>
public sealed record ErasureReport(IReadOnlyList<(string Document, int Values)> Documents, IReadOnlyList<string> Texts)
{
    public int Values => Documents.Sum(d => d.Values);
}

/// <summary>
/// Erasure (a data subject's request): every JSON document in the state is searched, whatever wrote it (history,
/// ledgers, the update audit), so a store added later is covered too. An action's text is every comment, key action
/// or text value recorded under that action number; each stored value holding that text, or the given string, has it
/// replaced by <see cref="Marker"/>. Documents are rewritten with their version as a guard, never deleted, so the
/// record that something happened (who, when, which fields) survives the erasure of what was said.
/// </summary>
public static class StateEraser
{
    public const string Marker = "[erased]";

    private static readonly HashSet<string> TextProperties = new(StringComparer.OrdinalIgnoreCase)
    {
        "comment", "comments", "text", "keyAction", "theme",
    };

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<ErasureReport> EraseAsync(IStateStore state, ErasureRequest request, bool dryRun, CancellationToken cancellationToken)
    {
        var documents = new List<(string Name, JsonNode Node, string Version)>();
        foreach (var name in await state.ListAsync("", cancellationToken))
        {
            var stored = await state.ReadAsync(name, cancellationToken);
            if (stored is null || Parse(stored.Content) is not { } node) continue;
            documents.Add((name, node, stored.Version));
        }

        var texts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (!string.IsNullOrWhiteSpace(request.Text)) texts.Add(request.Text.Trim());
        if (!string.IsNullOrWhiteSpace(request.Action))
            foreach (var (_, node, _) in documents) CollectActionTexts(node, request.Action.Trim(), texts);

        var changed = new List<(string, int)>();
        foreach (var (name, node, version) in documents)
        {
            var count = Replace(node, texts);
            if (count == 0) continue;
            changed.Add((name, count));
            if (!dryRun) await state.WriteAsync(name, JsonSerializer.SerializeToUtf8Bytes(node, Indented), version, cancellationToken);
        }
        return new ErasureReport(changed, texts.ToList());
    }

    private static JsonNode? Parse(ReadOnlyMemory<byte> content)
    {
        try
        {
            return JsonNode.Parse(content.Span);
        }
        catch (JsonException)
        {
            return null; // not a JSON document: nothing this tool wrote
        }
    }

    /// <summary>Every text value under an object whose "action" (or "id"/"number") is the action.</summary>
    private static void CollectActionTexts(JsonNode? node, string action, HashSet<string> texts)
    {
        switch (node)
        {
            case JsonObject o:
                var mine = o.Any(p => p.Key.ToLowerInvariant() is "action" or "number" && p.Value is JsonValue v &&
                                      v.TryGetValue<string>(out var s) && string.Equals(s.Trim(), action, StringComparison.OrdinalIgnoreCase));
                foreach (var (_, child) in o)
                {
                    if (mine) CollectTexts(child, texts);
                    CollectActionTexts(child, action, texts);
                }
                break;
            case JsonArray a:
                foreach (var child in a) CollectActionTexts(child, action, texts);
                break;
        }

        static void CollectTexts(JsonNode? node, HashSet<string> texts)
        {
            if (node is JsonObject o)
            {
                foreach (var (key, child) in o)
                {
                    if (TextProperties.Contains(key) && child is JsonValue v && v.TryGetValue<string>(out var s)
                        && s.Trim().Length > 0 && s != Marker)
                        texts.Add(s.Trim());
                    else CollectTexts(child, texts);
                }
            }
            else if (node is JsonArray a) foreach (var child in a) CollectTexts(child, texts);
        }
    }

    /// <summary>Replaces every occurrence of the texts in every string value; returns how many values changed.</summary>
    private static int Replace(JsonNode? node, IReadOnlyCollection<string> texts)
    {
        if (texts.Count == 0) return 0;
        var count = 0;
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToList()) count += ReplaceChild(o[key], v => o[key] = v, texts);
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    var index = i;
                    count += ReplaceChild(a[i], v => a[index] = v, texts);
                }
                break;
        }
        return count;
    }

    private static int ReplaceChild(JsonNode? child, Action<JsonNode> set, IReadOnlyCollection<string> texts)
    {
        if (child is not JsonValue value || !value.TryGetValue<string>(out var s)) return Replace(child, texts);
        var erased = texts.Aggregate(s, (current, text) => current.Replace(text, Marker, StringComparison.OrdinalIgnoreCase));
        if (erased == s) return 0;
        set(JsonValue.Create(erased));
        return 1;
    }
}
