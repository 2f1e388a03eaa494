namespace Natak.Simulator;

/// <summary>
/// A Checkout Session and, once paid, its payment intent and charge (one charge per session here). Mutable
/// state is changed only under <see cref="Gate"/>; reads for JSON take a consistent copy under it too.
/// </summary>
internal sealed class StripeSession
{
    public Lock Gate { get; } = new();

    public required string Id { get; init; }

    public required long Created { get; init; }

    public required long ExpiresAt { get; init; }

    public required string Currency { get; init; }

    public required IReadOnlyList<StripeLineItem> LineItems { get; init; }

    public required string? SuccessUrl { get; init; }

    public required string? CancelUrl { get; init; }

    public required string? ClientReferenceId { get; init; }

    public required string? CustomerEmail { get; init; }

    public required IReadOnlyDictionary<string, string> Metadata { get; init; }

    public required IReadOnlyDictionary<string, string> PaymentIntentMetadata { get; init; }

    /// <summary>The hosted payment page (the simulator's stand-in for checkout.stripe.com).</summary>
    public required string Url { get; init; }

    public long AmountTotal => LineItems.Sum(l => l.UnitAmount * l.Quantity);

    /// <summary><c>open</c>, <c>complete</c> or <c>expired</c>.</summary>
    public string Status { get; set; } = "open";

    /// <summary><c>unpaid</c> or <c>paid</c>.</summary>
    public string PaymentStatus { get; set; } = "unpaid";

    public string? PaymentIntentId { get; set; }

    public string? ChargeId { get; set; }

    public long? PaidAt { get; set; }

    /// <summary>The charge's cumulative refunded amount.</summary>
    public long AmountRefunded { get; set; }

    public string? DisputeId { get; set; }

    public long? DisputedAt { get; set; }

    /// <summary>The dispute's status: <c>needs_response</c> while open, then <c>won</c> or <c>lost</c>.</summary>
    public string DisputeStatus { get; set; } = "needs_response";
}
