using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Natak.Api.Http;
using Natak.Core.Pricing;
using Natak.Core.Problems;
using Natak.Tables.Payments;
using Stripe;

namespace Natak.Api.Payments;

/// <summary>
/// <c>POST /api/credits/checkout</c> (the caller buys a pack through Stripe Checkout) and
/// <c>POST /api/webhooks/stripe</c> (Stripe reports payments, refunds and disputes; no bearer token, the
/// <c>Stripe-Signature</c> is the authentication).
/// </summary>
internal static partial class PaymentsHandlers
{
    public static async Task<IResult> CreateCheckout(ApiRequest request)
    {
        var body = await request.ReadJsonAsync<CheckoutRequest>();
        var catalog = request.Service<PricingCatalog>();
        if (catalog.FindPack(body.Pack) is not { } pack)
        {
            throw new ApiProblemException(ApiProblem.Validation("pack", "pack must be one of: " + string.Join(", ", catalog.Packs.Select(p => p.Key)) + "."));
        }

        Stripe.Checkout.Session session;
        try
        {
            session = await request.Service<StripeCheckout>().CreateSessionAsync(request.Caller.Id, pack, request.Aborted);
        }
        catch (StripeException e)
        {
            LogCheckoutFailed(Logger(request), (int)e.HttpStatusCode, e.StripeError?.Type, e.StripeError?.Code);
            throw new ApiProblemException(ApiProblem.Create(502, ProblemCodes.ProviderUnavailable, "Payment provider unavailable.",
                "Stripe did not create the checkout session; nothing was charged. Try again shortly."));
        }

        var view = new CheckoutView(session.Id, session.Url, pack.Key, pack.Credits, pack.PriceUsd,
            session.ExpiresAt == default ? null : new DateTimeOffset(DateTime.SpecifyKind(session.ExpiresAt, DateTimeKind.Utc)));
        return TypedResults.Json(view, NatakJson.Options, statusCode: StatusCodes.Status201Created);
    }

    public static async Task<IResult> StripeWebhook(ApiRequest request)
    {
        var body = await request.ReadBodyAsync();
        Event stripeEvent;
        PaymentEvent payment;
        try
        {
            (stripeEvent, payment) = request.Service<StripeEventReader>().Read(body, request.Header("Stripe-Signature"));
        }
        catch (StripeEventRejectedException e)
        {
            LogRejected(Logger(request), e.Message);
            throw new ApiProblemException(e.Signature
                ? ApiProblem.Create(400, ProblemCodes.InvalidSignature, "Invalid signature.", e.Message)
                : ApiProblem.Create(400, ProblemCodes.MalformedJson, "Malformed event.", e.Message));
        }

        var events = request.Service<PaymentEventStore>();
        var options = request.Service<IOptions<PaymentsOptions>>().Value;
        var claim = await BeginAsync(request, events, stripeEvent, options);
        if (claim != PaymentEventClaim.Acquired)
        {
            return claim == PaymentEventClaim.Handled
                ? TypedResults.Json(new { received = true, acted = false }, NatakJson.Options)
                : throw new ApiProblemException(ApiProblem.Conflict($"Event {stripeEvent.Id} is being handled by another delivery; deliver it again later."));
        }

        string outcome;
        try
        {
            // not tied to Stripe's connection: once begun, the event is carried through
            outcome = await request.Service<PaymentEventProcessor>().ProcessAsync(stripeEvent.Id, payment, CancellationToken.None);
            await events.CompleteAsync(stripeEvent.Id, outcome, CancellationToken.None);
        }
        catch
        {
            // Stripe retries a non-2xx delivery; give the lease up so that retry acts at once
            await events.AbandonAsync(stripeEvent.Id, CancellationToken.None);
            throw;
        }

        LogHandled(Logger(request), stripeEvent.Id, stripeEvent.Type, outcome);
        return TypedResults.Json(new { received = true, acted = true, outcome }, NatakJson.Options);
    }

    /// <summary>Claims the event; a delivery that finds another one acting waits (up to <see cref="PaymentsOptions.EventWait"/>) for its outcome.</summary>
    private static async Task<PaymentEventClaim> BeginAsync(ApiRequest request, PaymentEventStore events, Event stripeEvent, PaymentsOptions options)
    {
        var time = request.Service<TimeProvider>();
        var deadline = time.GetUtcNow() + options.EventWait;
        var pause = TimeSpan.FromMilliseconds(50);
        var claim = await events.BeginAsync(stripeEvent.Id, stripeEvent.Type, options.EventLease, request.Aborted);
        while (claim == PaymentEventClaim.InProgress && time.GetUtcNow() < deadline)
        {
            await Task.Delay(pause, time, request.Aborted);
            pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 500));
            var status = (await events.GetAsync(stripeEvent.Id, request.Aborted))?.Status;
            if (status == PaymentEventRecord.Handled)
            {
                return PaymentEventClaim.Handled;
            }

            if (status != PaymentEventRecord.Processing)
            {
                // the other delivery failed and let go: this one acts
                claim = await events.BeginAsync(stripeEvent.Id, stripeEvent.Type, options.EventLease, request.Aborted);
            }
        }

        return claim;
    }

    private static ILogger Logger(ApiRequest request) => request.Service<ILoggerFactory>().CreateLogger(typeof(PaymentsHandlers));

    [LoggerMessage(EventId = 710, Level = LogLevel.Warning, Message = "Rejected a Stripe webhook: {Detail}")]
    private static partial void LogRejected(ILogger logger, string detail);

    [LoggerMessage(EventId = 711, Level = LogLevel.Information, Message = "Stripe event {EventId} ({Type}): {Outcome}")]
    private static partial void LogHandled(ILogger logger, string eventId, string type, string outcome);

    [LoggerMessage(EventId = 712, Level = LogLevel.Error, Message = "Stripe refused to create a checkout session: HTTP {Status}, {Type} {Code}")]
    private static partial void LogCheckoutFailed(ILogger logger, int status, string? type, string? code);
}
