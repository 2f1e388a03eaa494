namespace Natak.Tables.Spend;

/// <summary>
/// What one paid provider step of a job cost us, and what it was sold for. Identified by (<see cref="JobId"/>,
/// <see cref="Step"/>). Money is exact: <see cref="CostUsd"/> is a decimal stored as its invariant text.
/// </summary>
/// <param name="JobId">The job (orchestration instance id).</param>
/// <param name="Step">The pipeline step, unique within the job.</param>
/// <param name="UserId">Whose job it was.</param>
/// <param name="OutputType">The product the step belonged to (e.g. <c>basic-image</c>), for margins per output type.</param>
/// <param name="Provider">The provider (fal, wavespeed, xai).</param>
/// <param name="Model">The provider's model id.</param>
/// <param name="Units">How many <see cref="UnitKind"/> were billed (1.05 megapixels, 5 seconds, 812 tokens).</param>
/// <param name="UnitKind">The billing unit.</param>
/// <param name="CostUsd">What the provider charged, in US dollars, exactly.</param>
/// <param name="CreditsCharged">Credits captured for this step, when the step is where credits were charged.</param>
/// <param name="At">When the step was paid for; the cost report's time axis.</param>
public sealed record SpendRecord(
    string JobId,
    string Step,
    string UserId,
    string OutputType,
    string Provider,
    string Model,
    decimal Units,
    SpendUnit UnitKind,
    decimal CostUsd,
    long? CreditsCharged,
    DateTimeOffset At)
{
    /// <summary>Paid for at the provider but never delivered (its outputs could not be stored): a loss the cost report shows.</summary>
    public bool Undelivered { get; init; }
}
