namespace Natak.Tables.Payments;

/// <summary>One payment-provider event as recorded: its type, what handling it did, and how often it was delivered.</summary>
/// <param name="EventId">The provider's event id (<c>evt_…</c>).</param>
/// <param name="Type">The event type, e.g. <c>charge.refunded</c>.</param>
/// <param name="Status"><see cref="Processing"/>, <see cref="Handled"/> or <see cref="Abandoned"/>.</param>
/// <param name="Outcome">What handling it did.</param>
/// <param name="Deliveries">How many deliveries of it arrived.</param>
/// <param name="HandledUtc">When it was handled.</param>
public sealed record PaymentEventRecord(string EventId, string Type, string Status, string? Outcome, int Deliveries, DateTimeOffset? HandledUtc)
{
    /// <summary>A delivery is acting on the event (until its lease runs out).</summary>
    public const string Processing = "processing";

    /// <summary>Acted on; later deliveries change nothing.</summary>
    public const string Handled = "handled";

    /// <summary>A delivery failed and gave its lease up; the next delivery acts.</summary>
    public const string Abandoned = "abandoned";
}
