namespace Natak.Api.Payments;

/// <summary>
/// A Checkout Session created for the caller: send the buyer's browser to <see cref="Url"/> (Stripe's hosted page);
/// the pack is credited when Stripe reports the payment (<c>POST /api/webhooks/stripe</c>).
/// </summary>
public sealed record CheckoutView(string Id, string Url, string Pack, long Credits, decimal PriceUsd, DateTimeOffset? ExpiresAt);
