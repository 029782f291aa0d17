using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SaferCity.Core.Tests.Support;

/// <summary>
/// The hand-written JSON writers (dashboard.json, history.json and reported.json, the reminder ledger) are proved by
/// giving the serializer's bytes on a fixture. That proof only covers the members the fixture sets: a member added to a
/// record later, left at its default in the fixture, would be missing from both outputs and the writer's omission would
/// go unseen. So each fixture must set every member the serializer knows, at every depth.
/// </summary>
internal static class SerializerCoverage
{
    /// <summary>The JSON names of every member the serializer would write for <paramref name="root"/>'s type and its parts.</summary>
    public static SortedSet<string> MemberNames(JsonTypeInfo root)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<Type>();
        var pending = new Stack<Type>([root.Type]);
        while (pending.TryPop(out var type))
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (!seen.Add(type)) continue;
            var info = root.Options.GetTypeInfo(type);
            if (info.Kind == JsonTypeInfoKind.Object)
            {
                foreach (var property in info.Properties)
                {
                    names.Add(property.Name);
                    pending.Push(property.PropertyType);
                }
            }
            else if (info.ElementType is { } element)
            {
                pending.Push(element);
            }
        }
        return names;
    }

    /// <summary>The member names <paramref name="json"/> holds nowhere, of those the serializer knows for its type.</summary>
    public static IReadOnlyList<string> NeverWritten(JsonTypeInfo root, byte[] json)
    {
        var written = new HashSet<string>(StringComparer.Ordinal);
        using (var document = JsonDocument.Parse(json)) Collect(document.RootElement, written);
        return [.. MemberNames(root).Where(name => !written.Contains(name))];
    }

    private static void Collect(JsonElement element, HashSet<string> names)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                names.Add(property.Name);
                Collect(property.Value, names);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray()) Collect(item, names);
        }
    }
}
