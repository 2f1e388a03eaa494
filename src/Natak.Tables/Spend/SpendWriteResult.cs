namespace Natak.Tables.Spend;

/// <summary>
/// The outcome of recording a step. <see cref="Stored"/> is the record the store holds: the one just written,
/// or the first one recorded for this (job, step).
/// </summary>
/// <param name="Stored">The record held for this (job, step).</param>
/// <param name="Created">This call wrote the record.</param>
/// <param name="SameRecord">The stored record equals the one passed in (false flags a step reported twice with different figures).</param>
public sealed record SpendWriteResult(SpendRecord Stored, bool Created, bool SameRecord);
