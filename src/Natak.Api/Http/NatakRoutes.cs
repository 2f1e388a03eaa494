using Natak.Api.Characters;
using Natak.Api.Health;
using Natak.Api.Jobs;
using Natak.Api.Media;
using Natak.Api.Money;
using Natak.Api.Payments;
using Natak.Api.Uploads;
using Natak.Api.Webhooks;

namespace Natak.Api.Http;

/// <summary>
/// The route table of the HTTP API — every route both hosts serve, under <c>/api</c>. The templates are
/// constants so the Functions app's <c>[HttpTrigger(Route = ...)]</c> shims can use them; a test fails if the
/// two hosts ever expose different routes.
/// </summary>
public static class NatakRoutes
{
    public static class Templates
    {
        public const string Health = "health";
        public const string Jobs = "jobs";
        public const string Job = "jobs/{jobId}";
        public const string CancelJob = "jobs/{jobId}/cancel";
        public const string JobEvents = "jobs/{jobId}/events";
        public const string AdminJob = "admin/jobs/{jobId}";
        public const string TerminateJob = "admin/jobs/{jobId}/terminate";
        public const string Images = "images";
        public const string FalWebhook = "webhooks/fal";
        public const string WaveSpeedWebhook = "webhooks/wavespeed";
        public const string Pricing = "pricing";
        public const string Quotes = "quotes";
        public const string Credits = "credits";
        public const string CreditEntries = "credits/entries";
        public const string CreditPurchases = "credits/purchases";
        public const string CreditGrants = "admin/credits/grants";
        public const string Costs = "admin/costs";
        public const string Videos = "videos";
        public const string Uploads = "uploads";
        public const string Characters = "characters";
        public const string Character = "characters/{characterId}";
        public const string CreditCheckout = "credits/checkout";
        public const string StripeWebhook = "webhooks/stripe";
    }

    public static ApiRoute Health { get; } = new(nameof(Health), "GET", Templates.Health, RouteAccess.Public, HealthHandlers.GetHealth);

    public static ApiRoute ListJobs { get; } = new(nameof(ListJobs), "GET", Templates.Jobs, RouteAccess.User, JobsHandlers.ListJobs);

    public static ApiRoute GetJob { get; } = new(nameof(GetJob), "GET", Templates.Job, RouteAccess.User, JobsHandlers.GetJob);

    public static ApiRoute CancelJob { get; } = new(nameof(CancelJob), "POST", Templates.CancelJob, RouteAccess.User, JobsHandlers.CancelJob);

    public static ApiRoute StreamJobEvents { get; } = new(nameof(StreamJobEvents), "GET", Templates.JobEvents, RouteAccess.User, JobsHandlers.StreamJobEvents);

    public static ApiRoute GetAdminJob { get; } = new(nameof(GetAdminJob), "GET", Templates.AdminJob, RouteAccess.Admin, AdminJobsHandlers.GetJobTimeline);

    public static ApiRoute TerminateJob { get; } = new(nameof(TerminateJob), "POST", Templates.TerminateJob, RouteAccess.Admin, AdminJobsHandlers.TerminateJob);

    public static ApiRoute StartImages { get; } = new(nameof(StartImages), "POST", Templates.Images, RouteAccess.User, ImagesHandlers.StartImages);

    public static ApiRoute FalWebhook { get; } = new(nameof(FalWebhook), "POST", Templates.FalWebhook, RouteAccess.Webhook, WebhookHandlers.Fal, ApiLimits.WebhookMaxBodyBytes);

    public static ApiRoute WaveSpeedWebhook { get; } = new(nameof(WaveSpeedWebhook), "POST", Templates.WaveSpeedWebhook, RouteAccess.Webhook, WebhookHandlers.WaveSpeed, ApiLimits.WebhookMaxBodyBytes);

    public static ApiRoute GetPricing { get; } = new(nameof(GetPricing), "GET", Templates.Pricing, RouteAccess.Public, PricingHandlers.GetPricing);

    public static ApiRoute CreateQuote { get; } = new(nameof(CreateQuote), "POST", Templates.Quotes, RouteAccess.User, PricingHandlers.CreateQuote);

    public static ApiRoute GetCredits { get; } = new(nameof(GetCredits), "GET", Templates.Credits, RouteAccess.User, CreditsHandlers.GetCredits);

    public static ApiRoute ListCreditEntries { get; } = new(nameof(ListCreditEntries), "GET", Templates.CreditEntries, RouteAccess.User, CreditsHandlers.ListCreditEntries);

    public static ApiRoute PurchaseCredits { get; } = new(nameof(PurchaseCredits), "POST", Templates.CreditPurchases, RouteAccess.Admin, CreditsHandlers.PurchaseCredits);

    public static ApiRoute GrantCredits { get; } = new(nameof(GrantCredits), "POST", Templates.CreditGrants, RouteAccess.Admin, CreditsHandlers.GrantCredits);

    public static ApiRoute GetCosts { get; } = new(nameof(GetCosts), "GET", Templates.Costs, RouteAccess.Admin, CostsHandlers.GetCosts);

    public static ApiRoute CreateUpload { get; } = new(nameof(CreateUpload), "POST", Templates.Uploads, RouteAccess.User, UploadsHandlers.CreateUpload);

    public static ApiRoute StartCharacter { get; } = new(nameof(StartCharacter), "POST", Templates.Characters, RouteAccess.User, CharactersHandlers.StartCharacter);

    public static ApiRoute ListCharacters { get; } = new(nameof(ListCharacters), "GET", Templates.Characters, RouteAccess.User, CharactersHandlers.ListCharacters);

    public static ApiRoute GetCharacter { get; } = new(nameof(GetCharacter), "GET", Templates.Character, RouteAccess.User, CharactersHandlers.GetCharacter);

    public static ApiRoute DeleteCharacter { get; } = new(nameof(DeleteCharacter), "DELETE", Templates.Character, RouteAccess.User, CharactersHandlers.DeleteCharacter);

    public static ApiRoute StartVideos { get; } = new(nameof(StartVideos), "POST", Templates.Videos, RouteAccess.User, VideosHandlers.StartVideos);

    public static ApiRoute CreateCheckout { get; } = new(nameof(CreateCheckout), "POST", Templates.CreditCheckout, RouteAccess.User, PaymentsHandlers.CreateCheckout);

    public static ApiRoute StripeWebhook { get; } = new(nameof(StripeWebhook), "POST", Templates.StripeWebhook, RouteAccess.Webhook, PaymentsHandlers.StripeWebhook, ApiLimits.WebhookMaxBodyBytes);

    public static IReadOnlyList<ApiRoute> All { get; } =
    [
        Health,
        ListJobs,
        GetJob,
        CancelJob,
        StreamJobEvents,
        GetAdminJob,
        TerminateJob,
        StartImages,
        FalWebhook,
        WaveSpeedWebhook,
        GetPricing,
        CreateQuote,
        GetCredits,
        ListCreditEntries,
        PurchaseCredits,
        GrantCredits,
        GetCosts,
        StartVideos,
        CreateUpload,
        StartCharacter,
        ListCharacters,
        GetCharacter,
        DeleteCharacter,
        CreateCheckout,
        StripeWebhook,
    ];
}
