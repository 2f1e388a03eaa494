using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Natak.Api.Payments;

/// <summary>Registers Stripe Checkout and the Stripe webhook's services with their validated options.</summary>
internal static class PaymentsServiceCollectionExtensions
{
    public static IServiceCollection AddNatakPayments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PaymentsOptions>()
            .Bind(configuration.GetSection(PaymentsOptions.SectionName))
            .PostConfigure(o =>
            {
                o.StripeSecretKey = string.IsNullOrWhiteSpace(o.StripeSecretKey) ? configuration[PaymentsOptions.SecretKeyVariable] ?? "" : o.StripeSecretKey;
                o.StripeWebhookSecret = string.IsNullOrWhiteSpace(o.StripeWebhookSecret) ? configuration[PaymentsOptions.WebhookSecretVariable] ?? "" : o.StripeWebhookSecret;
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<PaymentsOptions>, PaymentsOptionsValidator>();
        services.AddHttpClient(StripeCheckout.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(80));
        services.AddSingleton<StripeCheckout>();
        services.AddSingleton<StripeEventReader>();
        services.AddSingleton<PaymentTakeBacks>();
        services.AddSingleton<PaymentEventProcessor>();
        return services;
    }
}
