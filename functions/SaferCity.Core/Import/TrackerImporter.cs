using SaferCity.Core.Reading;

namespace SaferCity.Core.Import;

/// <summary>What an import did: the plan, and whether it was written.</summary>
public sealed record ImportOutcome(ImportPlan Plan, bool Written);

/// <summary>
/// One import: the tracker read from the file (refused whole if it cannot be), the list read once, a plan
/// printed before anything is written, then only the creates and changed fields written. Running it again
/// with the same file plans nothing and writes nothing.
/// </summary>
public sealed class TrackerImporter(TrackerColumns columns)
{
    /// <param name="memoryPath">Where this target's import memory is kept (null: none, the file's values always win).</param>
    /// <param name="overwrite">Fields changed both in the list and in the file take the file's value.</param>
    public async Task<ImportOutcome> ImportAsync(
        ImportedTable table, IImportTarget target, bool dryRun, Action<string> report, CancellationToken cancellationToken,
        string? memoryPath = null, bool overwrite = false)
    {
        report($"Read {table.Rows.Count} actions from {table.Source}.");
        foreach (var line in table.Describe()) report(line);
        var state = await target.ReadAsync(cancellationToken);
        var memory = memoryPath is null ? ImportMemory.Empty() : ImportMemory.Load(memoryPath);
        var plan = new ImportPlanner(columns).Plan(table, state.Items, state.DeadlineIsDate, memory, overwrite);
        foreach (var line in plan.Describe()) report(line);

        if (dryRun)
        {
            report($"Dry run: nothing was written to {target.Name}.");
            return new ImportOutcome(plan, Written: false);
        }
        if (!plan.HasWrites)
        {
            Remember(plan, memory, memoryPath);
            report($"{target.Name} already matches the file: nothing written.");
            return new ImportOutcome(plan, Written: false);
        }
        await target.ApplyAsync(plan, cancellationToken);
        Remember(plan, memory, memoryPath);
        report($"Imported into {target.Name}: {plan.Creates.Count} created, {plan.Updates.Count} updated, {plan.Unchanged.Count} unchanged" +
               (plan.NotInFile.Count > 0 ? $"; {plan.NotInFile.Count} not in the file were left in the list." : "."));
        return new ImportOutcome(plan, Written: true);
    }

    /// <summary>After a write (or a plan with none), the file's values are what the list last had from an import.</summary>
    private static void Remember(ImportPlan plan, ImportMemory memory, string? path)
    {
        if (path is null) return;
        foreach (var (number, fields) in plan.FileValues) memory.Remember(number, fields);
        memory.Save(path);
    }
}
