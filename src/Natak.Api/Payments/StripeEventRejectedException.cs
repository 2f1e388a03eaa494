namespace Natak.Api.Payments;

/// <summary>A webhook delivery that cannot be acted on: unverifiable (<see cref="Signature"/>) or malformed.</summary>
public sealed class StripeEventRejectedException : Exception
{
    public StripeEventRejectedException()
    {
    }

    public StripeEventRejectedException(string message)
        : base(message)
    {
    }

    public StripeEventRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StripeEventRejectedException(bool signature, string message)
        : base(message) => Signature = signature;

    /// <summary>True when the signature is what failed (missing, wrong secret, stale); false for a malformed event.</summary>
    public bool Signature { get; }
}
