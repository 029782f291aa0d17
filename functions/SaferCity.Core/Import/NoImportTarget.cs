namespace SaferCity.Core.Import;

/// <summary>
/// A dry run with nowhere given to write: the plan against an empty list, so the admin can check what the file
/// reads as before choosing a --tracker file or a SharePoint site. Never written.
/// </summary>
public sealed class NoImportTarget : IImportTarget
{
    public string Name => "any list (none was given: this plan is against an empty one)";

    public Task<ImportTargetState> ReadAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new ImportTargetState([], DeadlineIsDate: false));

    public Task ApplyAsync(ImportPlan plan, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("A plan without a target is only ever a dry run.");
}
