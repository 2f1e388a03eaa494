namespace Natak.Core.Pricing;

/// <summary>A fixed credit price scales as <c>ceil(credits × quantity / amount)</c> (e.g. 5 credits per 5 s).</summary>
public sealed record CreditPer(string Quantity, int Amount);
