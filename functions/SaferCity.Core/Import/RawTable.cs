namespace SaferCity.Core.Import;

/// <summary>
/// A table as a file reader found it: rows of cell text, before any heading is understood.
/// Every format (Word, Excel, CSV) comes down to this, so one interpreter serves them all.
/// </summary>
/// <param name="Source">Where the table is, for messages: "table 1", "sheet 'Tracker'", "the CSV".</param>
/// <param name="Caption">The heading paragraph just before a Word table (one table per theme keeps its theme there).</param>
public sealed record RawTable(string Source, IReadOnlyList<RawRow> Rows, string? Caption = null);

/// <summary>One row of cells, left to right.</summary>
/// <param name="Where">Its place for messages: "row 7" (with the table's source in front when shown).</param>
/// <param name="SpansTable">The row is one cell merged across the table (a theme heading in the seed's layout).</param>
/// <param name="Fills">Each cell's shading as "RRGGBB" (null: none), for a RAG kept as colour only.</param>
public sealed record RawRow(string Where, IReadOnlyList<string> Cells, bool SpansTable = false, IReadOnlyList<string?>? Fills = null);

/// <summary>Every table a reader found, in document order, and what it did not read (hidden sheets, rows, columns).</summary>
public sealed record RawDocument(IReadOnlyList<RawTable> Tables, IReadOnlyList<string> NotRead);

/// <summary>The file cannot be imported as it is. Raised before anything is written; the message names the row or cell.</summary>
public sealed class ImportRefusedException(string message) : Exception(message);
