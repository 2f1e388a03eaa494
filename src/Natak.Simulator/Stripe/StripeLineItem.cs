namespace Natak.Simulator;

/// <summary>One line of a Checkout Session: an ad-hoc price (<c>price_data</c>) times a quantity.</summary>
internal sealed record StripeLineItem(string Name, long UnitAmount, long Quantity);
