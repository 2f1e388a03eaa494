using System.Text.Json.Nodes;

namespace Natak.Core.Jobs;

/// <summary>
/// The output of every job orchestration. Failures the pipeline understands (a provider error, a refused
/// prompt, a cancellation) end the orchestration normally with a failed or cancelled outcome; only a bug
/// makes an orchestration itself fail. <see cref="Result"/> holds asset <em>keys</em>, never URLs: the jobs
/// API presigns them on every read.
/// </summary>
public sealed record JobOutcome(JobStatus Status, JsonObject? Result, JobError? Error, JobCredits Credits);
