using System.Globalization;
using Microsoft.Extensions.Options;
using Natak.Core.Pricing;
using Stripe;
using Stripe.Checkout;

namespace Natak.Api.Payments;

/// <summary>
/// Creates Stripe Checkout Sessions through Stripe.net: payment mode, one line with the pack's catalogue price and
/// name (never anything from the request), the buyer and pack in the metadata of the session and of its payment
/// intent, the buyer as <c>client_reference_id</c>, and the configured return URLs.
/// </summary>
public sealed class StripeCheckout(IHttpClientFactory httpClients, IOptions<PaymentsOptions> options)
{
    /// <summary>The named HttpClient Stripe.net sends through.</summary>
    public const string HttpClientName = "stripe";

    public const string Currency = "usd";

    /// <exception cref="StripeException">Stripe refused the session or could not be reached.</exception>
    public Task<Session> CreateSessionAsync(string userId, CreditPack pack, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var settings = options.Value;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [PaymentMetadata.UserId] = userId,
            [PaymentMetadata.Pack] = pack.Key,
            [PaymentMetadata.Credits] = pack.Credits.ToString(CultureInfo.InvariantCulture),
        };
        var create = new SessionCreateOptions
        {
            Mode = "payment",
            ClientReferenceId = userId,
            SuccessUrl = settings.SuccessUrl,
            CancelUrl = settings.CancelUrl,
            Metadata = metadata,
            PaymentIntentData = new SessionPaymentIntentDataOptions { Metadata = new Dictionary<string, string>(metadata, StringComparer.Ordinal) },
            LineItems =
            [
                new SessionLineItemOptions
                {
                    Quantity = 1,
                    PriceData = new SessionLineItemPriceDataOptions
                    {
                        Currency = Currency,
                        UnitAmount = Cents(pack),
                        ProductData = new SessionLineItemPriceDataProductDataOptions { Name = ProductName(pack) },
                    },
                },
            ],
        };
        return new SessionService(Client()).CreateAsync(create, cancellationToken: cancellationToken);
    }

    /// <summary>The line's name on Stripe's page and receipt, e.g. "Natak Pro pack: 500 credits".</summary>
    public static string ProductName(CreditPack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var title = pack.Key.Length == 0 ? pack.Key : char.ToUpperInvariant(pack.Key[0]) + pack.Key[1..];
        return string.Create(CultureInfo.InvariantCulture, $"Natak {title} pack: {pack.Credits} credits");
    }

    /// <summary>The pack's price in cents; a catalogue price that is not a whole number of cents cannot be charged.</summary>
    public static long Cents(CreditPack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var cents = pack.PriceUsd * 100m;
        return cents == decimal.Truncate(cents) && cents > 0
            ? (long)cents
            : throw new InvalidOperationException($"Pack '{pack.Key}' costs {pack.PriceUsd} USD, which is not a positive whole number of cents.");
    }

    private StripeClient Client()
    {
        var settings = options.Value;
        return new StripeClient(new StripeClientOptions
        {
            ApiKey = settings.EffectiveSecretKey,
            ApiBase = settings.StripeApiBase.AbsoluteUri.TrimEnd('/'),
            HttpClient = new SystemNetHttpClient(httpClients.CreateClient(HttpClientName)),
        });
    }
}
