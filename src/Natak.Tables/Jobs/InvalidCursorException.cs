namespace Natak.Tables.Jobs;

/// <summary>A paging cursor that this service did not issue (callers answer 400).</summary>
public sealed class InvalidCursorException(Exception inner) : FormatException("The cursor is not valid.", inner);
