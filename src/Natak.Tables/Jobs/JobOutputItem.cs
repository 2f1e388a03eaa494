namespace Natak.Tables.Jobs;

/// <summary>One delivered output of a job: its index in the batch (from 0) and its result entry as JSON (asset keys).</summary>
public sealed record JobOutputItem(int Index, string Json);
