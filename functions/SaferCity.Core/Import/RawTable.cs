namespace SaferCity.Core.Import;

/// <summary>
/// A table as a file reader found it: rows of cell text, before any heading is understood.
/// Every format (Word, Excel, CSV) comes down to this, so one interpreter serves them all.
/// </summary>
/// <param name="Source">Where the table is, for messages: "table 1", "sheet 'Tracker'", "the CSV".</param>
public sealed record RawTable(string Source, IReadOnlyList<RawRow> Rows);

/// <summary>One row of cells, left to right.</summary>
/// <param name="Where">Its place for messages: "row 7" (with the table's source in front when shown).</param>
/// <param name="SpansTable">The row is one cell merged across the table (a theme heading in the seed's layout).</param>
public sealed record RawRow(string Where, IReadOnlyList<string> Cells, bool SpansTable = false);

/// <summary>The file cannot be imported as it is. Raised before anything is written; the message names the row or cell.</summary>
public sealed class ImportRefusedException(string message) : Exception(message);
