using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using SaferCity.Core.History;
using SaferCity.Core.Pipeline;

namespace SaferCity.Core.Dashboard;

/// <summary>
/// The files of the public site, in publishing order: assets first, then the data and the accessibility statement, index.html last,
/// so a reader never gets a page that points at data or styles that are not there yet.
/// </summary>
public static class SiteBuilder
{
    private const string ResourcePrefix = "dashboard/assets/";

    // Assets are addressed with ?v=hash, so they can be cached long; the page and data must be fresh.
    private const string AssetCache = "public, max-age=31536000, immutable";
    private const string FreshCache = "public, max-age=60, must-revalidate";

    private static readonly Lazy<IReadOnlyList<(string Path, byte[] Content)>> Assets = new(LoadAssets);

    /// <param name="model">The public model: every file renders from it, dashboard.json through its contract
    /// (<see cref="DashboardDocument"/>).</param>
    /// <param name="json">dashboard.json already serialised, when the caller has it; otherwise it is streamed.</param>
    /// <param name="history">The stored history, which the change feed is built from; empty when not given.</param>
    /// <param name="jsonHashed">Told the SHA-256 of dashboard.json each time it is written, so the caller needs no pass of its own.</param>
    public static IReadOnlyList<SiteFile> Build(PublicDashboard model, DashboardOptions options, ReadOnlyMemory<byte>? json = null,
        TrackerHistory? history = null, Action<string>? jsonHashed = null)
    {
        var files = new List<SiteFile>();
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, content) in Assets.Value)
        {
            files.Add(new SiteFile(path, content, ContentTypeOf(path), AssetCache));
            versions[path] = ShortHash(content);
        }
        // The data files are streamed to the publisher: on a large tracker they are tens of megabytes each.
        files.Add(json is { } bytes
            ? new SiteFile("dashboard.json", bytes, "application/json; charset=utf-8", FreshCache)
            : SiteFile.Streamed("dashboard.json", "application/json; charset=utf-8", FreshCache, async (s, ct) =>
            {
                using var hashing = new HashingStream(s);
                await DashboardJson.WriteAsync(hashing, DashboardDocument.From(model), ct);
                jsonHashed?.Invoke(hashing.Hash());
            }));
        files.Add(SiteFile.Streamed("actions.csv", "text/csv; charset=utf-8", FreshCache, (s, ct) => DashboardCsv.WriteAsync(s, model, ct)));
        files.Add(new SiteFile(AccessibilityStatement.Path, Encoding.UTF8.GetBytes(AccessibilityStatement.Render(options, versions)),
            "text/html; charset=utf-8", FreshCache));
        files.Add(new SiteFile(AtomFeed.FileName, AtomFeed.Render(model, history ?? TrackerHistory.Empty, options),
            ContentTypeOf(AtomFeed.FileName), FreshCache));
        var paper = CommitteePaper.Render(model, history ?? TrackerHistory.Empty, options, versions);
        files.Add(new SiteFile(CommitteePaper.FileName, Encoding.UTF8.GetBytes(paper),
            "text/html; charset=utf-8", FreshCache));
        files.Add(new SiteFile("index.html", Encoding.UTF8.GetBytes(DashboardHtml.Render(model, options, versions)),
            "text/html; charset=utf-8", FreshCache));
        return files;
    }

    public static string ContentTypeOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".json" => "application/json; charset=utf-8",
        ".csv" => "text/csv; charset=utf-8",
        ".xml" => "application/atom+xml; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".ico" => "image/x-icon",
        ".woff2" => "font/woff2",
        _ => "application/octet-stream",
    };

    public static string ShortHash(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content))[..12];

    private static List<(string, byte[])> LoadAssets()
    {
        var assembly = typeof(SiteBuilder).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (Name: n, Path: "assets/" + n[ResourcePrefix.Length..].Replace('\\', '/')))
            .Select(r => (r.Path, AssetText.Publishable(r.Path, Read(assembly, r.Name))))
            .ToList();
    }

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
