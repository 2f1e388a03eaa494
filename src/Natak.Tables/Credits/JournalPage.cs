namespace Natak.Tables.Credits;

/// <summary>A page of the journal, newest first; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record JournalPage(IReadOnlyList<JournalEntry> Entries, string? NextCursor);
