namespace SaferCity.Infrastructure;

/// <summary>
/// Settings section "Local": what the CLI passes from its options. The Functions app leaves it empty.
/// </summary>
public sealed class LocalOptions
{
    public const string Section = "Local";

    /// <summary>A recorded Graph response for the tracker list (--tracker).</summary>
    public string? TrackerFile { get; set; }

    /// <summary>A recorded Graph response for the leads list (--leads).</summary>
    public string? LeadsFile { get; set; }

    /// <summary>Site in OutDir/site, emails in OutDir/outbox (--out).</summary>
    public string OutDir { get; set; } = "out";

    /// <summary>History and reminder ledger (--state). Defaults to OutDir/state.</summary>
    public string? StateDir { get; set; }

    /// <summary>Compute and preview; send and record nothing (--dry-run).</summary>
    public bool DryRun { get; set; }

    /// <summary>The bundled sample, used when no other source is configured.</summary>
    public string SampleDir { get; set; } = Path.Combine(AppContext.BaseDirectory, "sample");

    /// <summary>
    /// A tracker file outside the sample folder (the one next to the CLI, or the repository's functions/SaferCity.Cli/sample),
    /// and no leads file: the sample's leads would get its digests.
    /// </summary>
    public bool OwnTrackerWithSampleLeads => TrackerFile is not null && LeadsFile is null && !IsSampleFile(TrackerFile);

    /// <summary>A file of the bundled sample: in the sample folder next to the CLI, or the repository's functions/SaferCity.Cli/sample.</summary>
    public bool IsSampleFile(string path)
    {
        var folder = new FileInfo(path).Directory;
        return folder is { Name: "sample", Parent.Name: "SaferCity.Cli" } ||
               string.Equals(folder?.FullName, Path.GetFullPath(SampleDir).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal);
    }

    /// <summary>Which tracker file a local run reads: a --tracker file by its path, else the sample (whose weeks are one tracker).</summary>
    public Core.History.TrackerIdentity TrackerIdentity =>
        TrackerFile is null || IsSampleFile(TrackerFile) ? Core.History.TrackerIdentity.Sample : Core.History.TrackerIdentity.OfFile(TrackerFile);

    public string ResolvedStateDir => StateDir ?? Path.Combine(OutDir, "state");
}
