using System.ComponentModel.DataAnnotations;

namespace Natak.Core.Pricing;

/// <summary>A fixed credit price scales as <c>ceil(credits × quantity / amount)</c> (e.g. 5 credits per 5 s).</summary>
public sealed record CreditPer(
    [property: AllowedValues(CreditQuantities.Seconds, CreditQuantities.TrainingSteps)] string Quantity,
    [property: Range(1, 1_000_000)] int Amount);
