namespace Natak.Api.Money;

/// <summary>
/// <c>POST /api/credits/purchases</c> (admin): credit <see cref="Pack"/> to <see cref="UserId"/> for the payment
/// <see cref="PaymentId"/>. The amount comes from the catalogue's pack, never from the request.
/// </summary>
public sealed record PurchaseRequest
{
    public string? UserId { get; init; }

    public string? Pack { get; init; }

    public string? PaymentId { get; init; }
}
