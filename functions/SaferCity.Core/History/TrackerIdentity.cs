namespace SaferCity.Core.History;

/// <summary>
/// Which tracker a run reads, said the way a person recognises it: the SharePoint list on its site, a tracker file by its
/// full path, or the bundled sample (all of whose weeks are one tracker). The history records it, so a run on another
/// tracker with the same state is told apart: its drift would compare two different trackers.
/// </summary>
public sealed record TrackerIdentity(string Name)
{
    /// <summary>Every file of the bundled sample: its weeks are one tracker's history.</summary>
    public static readonly TrackerIdentity Sample = new("the bundled sample tracker");

    /// <summary>
    /// A source that does not say which tracker it is (one a test or a benchmark makes): its history is neither checked
    /// against nor marked with a name.
    /// </summary>
    public static readonly TrackerIdentity Unstated = new(string.Empty);

    /// <summary>A SharePoint list, by its site (scheme and host in lower case, no trailing slash) and its name.</summary>
    public static TrackerIdentity OfList(string siteUrl, string listName)
    {
        var site = siteUrl.Trim().TrimEnd('/');
        if (Uri.TryCreate(site, UriKind.Absolute, out var uri))
            site = $"{uri.Scheme.ToLowerInvariant()}://{uri.Authority.ToLowerInvariant()}{uri.AbsolutePath.TrimEnd('/')}";
        return new($"the SharePoint list '{listName.Trim()}' on {site}");
    }

    /// <summary>A tracker file (a Graph list-items response, as <c>import --tracker</c> writes), by its full path.</summary>
    public static TrackerIdentity OfFile(string path) => new($"the tracker file {Path.GetFullPath(path)}");

    /// <summary>
    /// The one-line warning for a run whose state holds another tracker's history; null when the history is this tracker's,
    /// is empty, or is from before trackers were recorded (it is taken to be this one's and stamped on the next write).
    /// </summary>
    public string? Foreign(TrackerHistory history) =>
        this == Unstated || history.Days.Count == 0 || history.Tracker is not { } recorded || recorded == Name ? null
            : $"The state holds the history of {recorded}, not of {Name}: no drift is shown, and no digest is sent or history " +
              "recorded, so the two never mix. Give this tracker a state of its own: a fresh --state folder (and --out), or in " +
              "the cloud a new Storage__StateContainer.";
}
