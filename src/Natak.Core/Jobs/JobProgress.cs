namespace Natak.Core.Jobs;

/// <summary>Where a running job is: the current step and how many of its steps are done.</summary>
public sealed record JobProgress(string Step, int CompletedSteps, int TotalSteps);
