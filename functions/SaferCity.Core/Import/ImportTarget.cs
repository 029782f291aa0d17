using SaferCity.Core.Model;
using SaferCity.Core.Pipeline;

namespace SaferCity.Core.Import;

/// <summary>Where an import goes: the SharePoint list through Graph, or a Graph list-items file.</summary>
public interface IImportTarget
{
    /// <summary>For messages: "the list 'SCP Progress Monitoring'", "t.json".</summary>
    string Name { get; }

    /// <summary>Reads the list once, whole, before anything is planned.</summary>
    Task<ImportTargetState> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Writes the plan's creates and updates. On failure throws <see cref="ImportFailedException"/> saying what was written.</summary>
    Task ApplyAsync(ImportPlan plan, CancellationToken cancellationToken);
}

/// <param name="DeadlineIsDate">The list's deadline column is a Date column (provisioned lists have one).</param>
public sealed record ImportTargetState(IReadOnlyList<ListItem> Items, bool DeadlineIsDate);

/// <summary>
/// Writing stopped part-way (Graph still failing after its retries). Names the rows written and the rows not:
/// the import is idempotent, so running it again finishes the job.
/// </summary>
public sealed class ImportFailedException(string reason, IReadOnlyList<string> written, IReadOnlyList<string> notWritten, Exception? inner = null)
    : PipelineException(
        $"{reason} Written: {(written.Count == 0 ? "none" : string.Join(", ", written))}. " +
        $"Not written: {string.Join(", ", notWritten)}. Run the same import again to finish: rows already written are left as they are.",
        inner)
{
    public IReadOnlyList<string> Written { get; } = written;
    public IReadOnlyList<string> NotWritten { get; } = notWritten;
}
