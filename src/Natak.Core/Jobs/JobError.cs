namespace Natak.Core.Jobs;

/// <summary>Why a job failed: a stable machine code and a message a person can act on.</summary>
public sealed record JobError(string Code, string Message);
