namespace Natak.Api.Payments;

/// <summary><c>POST /api/credits/checkout</c>: the pack the caller wants to buy. Price and size come from the catalogue.</summary>
public sealed record CheckoutRequest
{
    public string? Pack { get; init; }
}
