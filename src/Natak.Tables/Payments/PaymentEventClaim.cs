namespace Natak.Tables.Payments;

/// <summary>What <see cref="PaymentEventStore.BeginAsync"/> found for an event id.</summary>
public enum PaymentEventClaim
{
    /// <summary>This delivery holds the event now: act on it, then <see cref="PaymentEventStore.CompleteAsync"/> or <see cref="PaymentEventStore.AbandonAsync"/>.</summary>
    Acquired,

    /// <summary>Another delivery of the same event is being acted on (its lease has not run out).</summary>
    InProgress,

    /// <summary>The event was handled already; a repeat changes nothing.</summary>
    Handled,
}
