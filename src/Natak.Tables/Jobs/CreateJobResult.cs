namespace Natak.Tables.Jobs;

/// <summary>The outcome of registering a job: new, or an earlier job under the same idempotency key.</summary>
public sealed record CreateJobResult(JobRecord Job, bool Created, bool SameRequest);
