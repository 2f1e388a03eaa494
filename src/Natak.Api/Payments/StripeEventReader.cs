using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Natak.Api.Money;
using Stripe;
using Stripe.Checkout;

namespace Natak.Api.Payments;

/// <summary>
/// Turns a webhook delivery into a <see cref="PaymentEvent"/>: the <c>Stripe-Signature</c> is checked over the raw
/// body with the endpoint secret and Stripe's 300 s tolerance (Stripe.net's <see cref="EventUtility"/>), then
/// the event is parsed by Stripe.net and its snapshot object read. Anything unverifiable or malformed is a
/// <see cref="StripeEventRejectedException"/> (a 400: nothing changes).
/// </summary>
public sealed class StripeEventReader(IOptions<PaymentsOptions> options, TimeProvider time)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <exception cref="StripeEventRejectedException">Unsigned, wrongly signed, stale or malformed.</exception>
    public (Event Event, PaymentEvent Payment) Read(byte[] body, string? signatureHeader)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (string.IsNullOrWhiteSpace(signatureHeader))
        {
            throw new StripeEventRejectedException(true, "The Stripe-Signature header is missing.");
        }

        string json;
        try
        {
            json = StrictUtf8.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            throw new StripeEventRejectedException(true, "The body is not UTF-8, so its signature cannot be checked.");
        }

        try
        {
            EventUtility.ValidateSignature(json, signatureHeader, options.Value.StripeWebhookSecret, PaymentsOptions.SignatureToleranceSeconds,
                time.GetUtcNow().ToUnixTimeSeconds());
        }
        catch (Exception e) when (e is StripeException or FormatException or OverflowException)
        {
            // Stripe.net's message says which: no expected signature, a bad header format, or a timestamp outside the tolerance
            throw new StripeEventRejectedException(true, e is StripeException ? e.Message : "The Stripe-Signature timestamp is not a number.");
        }

        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ParseEvent(json, throwOnApiVersionMismatch: false);
        }
        catch (Exception e) when (e is JsonException or StripeException or ArgumentException or InvalidOperationException or NotSupportedException or FormatException)
        {
            throw new StripeEventRejectedException(false, "The event could not be read: " + e.Message);
        }

        if (stripeEvent is null || !MoneyRules.IsOutsideId(stripeEvent.Id) || string.IsNullOrWhiteSpace(stripeEvent.Type))
        {
            throw new StripeEventRejectedException(false, "The event has no valid id or type.");
        }

        // objects of another API version may not read correctly: the endpoint must be registered with Stripe.net's version
        if (stripeEvent.ApiVersion is null || !EventUtility.IsCompatibleApiVersion(stripeEvent.ApiVersion))
        {
            throw new StripeEventRejectedException(false,
                $"The event has API version '{stripeEvent.ApiVersion}'; register the webhook endpoint with API version {StripeConfiguration.ApiVersion}.");
        }

        return (stripeEvent, Meaning(stripeEvent));
    }

    private static PaymentEvent Meaning(Event e)
    {
        switch (e.Type)
        {
            case EventTypes.CheckoutSessionCompleted or EventTypes.CheckoutSessionAsyncPaymentSucceeded:
                return Checkout(e, Object<Session>(e));
            case EventTypes.ChargeRefunded:
                var charge = Object<Charge>(e);
                return new PaymentEvent.Refund(charge.PaymentIntentId, NotNegative(charge.Amount), NotNegative(charge.AmountRefunded), charge.Currency);
            case EventTypes.ChargeDisputeCreated:
                var dispute = Object<Dispute>(e);
                return new PaymentEvent.Dispute(dispute.PaymentIntentId, NotNegative(dispute.Amount), dispute.Currency);
            case EventTypes.ChargeDisputeClosed:
                var closed = Object<Dispute>(e);
                return new PaymentEvent.DisputeClosed(closed.PaymentIntentId, NotNegative(closed.Amount), closed.Status is "won" or "warning_closed", closed.Currency);
            default:
                return new PaymentEvent.Other();
        }
    }

    private static PaymentEvent.Checkout Checkout(Event e, Session session)
    {
        var metadata = session.Metadata ?? [];
        var userId = metadata.GetValueOrDefault(PaymentMetadata.UserId);
        long? credits = metadata.GetValueOrDefault(PaymentMetadata.Credits) is { } text
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0
            ? parsed
            : null;
        var paid = session.PaymentStatus == "paid";
        if (paid && userId is not null && string.IsNullOrEmpty(session.PaymentIntentId))
        {
            throw new StripeEventRejectedException(false, "A paid Checkout Session of Natak's has no payment_intent.");
        }

        return new PaymentEvent.Checkout(session.Id, session.PaymentIntentId, paid, userId, metadata.GetValueOrDefault(PaymentMetadata.Pack), credits,
            NotNegative(session.AmountTotal ?? 0), session.Currency, new DateTimeOffset(DateTime.SpecifyKind(e.Created, DateTimeKind.Utc)));
    }

    private static T Object<T>(Event e)
        where T : class =>
        e.Data?.Object as T ?? throw new StripeEventRejectedException(false, $"A {e.Type} event must carry a {typeof(T).Name} in data.object.");

    private static long NotNegative(long value) =>
        value >= 0 ? value : throw new StripeEventRejectedException(false, "An amount in the event is negative.");
}
