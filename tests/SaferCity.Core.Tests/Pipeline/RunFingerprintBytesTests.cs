using System.Collections;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SaferCity.Core.Model;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Reading;

namespace SaferCity.Core.Tests.Pipeline;

/// <summary>
/// <see cref="RunFingerprint.OfLists"/> gathers its values in a buffer before hashing them: the hash must be the one the
/// value-at-a-time form gave (<see cref="Reference"/>, the earlier code), or every site would re-render once more.
/// </summary>
public class RunFingerprintBytesTests
{
    [Fact]
    public void OfLists_AwkwardItems_HashesTheBytesTheValueAtATimeFormHashed()
    {
        var json = """
            {"value":[
              {"id":"1","lastModifiedDateTime":"2017-01-13T16:30:00.1234567+01:00","webUrl":"https://x/1",
               "fields":{"Title":"1.1","Comments":"caf\u00e9 \ud83d\ude00 \u202e","LeadService":["A","B"],"Done":true,"N":12.5}},
              {"fields":{"Title":null,"Lookup":{"LookupValue":"Police"},"Empty":[]}}
            ]}
            """u8.ToArray();
        var long1 = new string('x', 70_000) + "é";
        var items = new List<ListItem>(ListItemJson.Parse(json))
        {
            new("3", DateTimeOffset.UnixEpoch, new Dictionary<string, object?>
            {
                ["Long"] = long1, ["Nested"] = new Dictionary<string, object?> { ["k"] = new[] { "v", null } }, ["When"] = 3.5m,
                ["Flag"] = false, ["Null"] = null,
            }),
        };
        for (var i = 0; i < 3_000; i++) items.Add(new ListItem($"{i}", null, new Dictionary<string, object?> { ["Title"] = $"{i}.{i}" }));
        var lists = new TrackerLists(items, ListItemJson.Parse("""{"value":[{"id":"1","fields":{"Title":"Police"}}]}"""u8));

        Assert.Equal(Reference.OfLists(lists), RunFingerprint.OfLists(lists));
    }

    [Fact]
    public void OfLists_NoItems_HashesTheBytesTheValueAtATimeFormHashed()
    {
        var lists = new TrackerLists([], []);

        Assert.Equal(Reference.OfLists(lists), RunFingerprint.OfLists(lists));
    }

    /// <summary>The earlier form: every value length-prefixed and handed to the hash on its own.</summary>
    private static class Reference
    {
        public static byte[] OfLists(TrackerLists lists)
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            Add(hash, "tracker");
            AddItems(hash, lists.Tracker);
            Add(hash, "leads");
            AddItems(hash, lists.Leads);
            return hash.GetHashAndReset();
        }

        private static void AddItems(IncrementalHash hash, IReadOnlyList<ListItem> items)
        {
            Add(hash, items.Count.ToString(CultureInfo.InvariantCulture));
            foreach (var item in items)
            {
                Add(hash, item.Id);
                Add(hash, item.LastModified?.ToString("O", CultureInfo.InvariantCulture));
                Add(hash, item.WebUrl);
                foreach (var (name, value) in item.Fields)
                {
                    Add(hash, name);
                    AddValue(hash, value);
                }
                Add(hash, "\u0001");
            }
        }

        private static void AddValue(IncrementalHash hash, object? value)
        {
            switch (value)
            {
                case null: Add(hash, "\u0000null"); break;
                case string s: Add(hash, s); break;
                case IFormattable f:
                    Add(hash, f.GetType().Name);
                    Add(hash, f.ToString(null, CultureInfo.InvariantCulture));
                    break;
                case IDictionary d:
                    Add(hash, "{");
                    foreach (DictionaryEntry e in d)
                    {
                        Add(hash, e.Key.ToString());
                        AddValue(hash, e.Value);
                    }
                    Add(hash, "}");
                    break;
                case IEnumerable list:
                    Add(hash, "[");
                    foreach (var v in list) AddValue(hash, v);
                    Add(hash, "]");
                    break;
                default:
                    Add(hash, value.GetType().Name);
                    Add(hash, value.ToString());
                    break;
            }
        }

        private static void Add(IncrementalHash hash, string? text)
        {
            var bytes = Encoding.UTF8.GetBytes(text ?? "\u0000");
            hash.AppendData(BitConverter.GetBytes(bytes.Length));
            hash.AppendData(bytes);
        }
    }
}
