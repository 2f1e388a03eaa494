using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Natak.Api.Http;

namespace Natak.Functions;

/// <summary>
/// One thin HTTP-trigger shim per route of <see cref="NatakRoutes"/>: parse nothing, decide nothing, delegate.
/// Function names and routes come from the route table; a test fails if they drift from it.
/// </summary>
public sealed class ApiFunctions(ApiPipeline pipeline)
{
    [Function(nameof(NatakRoutes.Health))]
    public IActionResult Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = NatakRoutes.Templates.Health)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) => Run(NatakRoutes.Health, durable);

    [Function(nameof(NatakRoutes.ListJobs))]
    public IActionResult ListJobs(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = NatakRoutes.Templates.Jobs)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) => Run(NatakRoutes.ListJobs, durable);

    [Function(nameof(NatakRoutes.GetJob))]
    public IActionResult GetJob(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = NatakRoutes.Templates.Job)] HttpRequest request,
        string jobId,
        [DurableClient] DurableTaskClient durable) => Run(NatakRoutes.GetJob, durable, ("jobId", jobId));

    [Function(nameof(NatakRoutes.CancelJob))]
    public IActionResult CancelJob(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = NatakRoutes.Templates.CancelJob)] HttpRequest request,
        string jobId,
        [DurableClient] DurableTaskClient durable) => Run(NatakRoutes.CancelJob, durable, ("jobId", jobId));

    /// <summary>The live progress stream: the shared pipeline writes and flushes each event to the response as it comes (ASP.NET Core integration streams; nothing here buffers).</summary>
    [Function(nameof(NatakRoutes.StreamJobEvents))]
    public IActionResult StreamJobEvents(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = NatakRoutes.Templates.JobEvents)] HttpRequest request,
        string jobId,
        [DurableClient] DurableTaskClient durable) => Run(NatakRoutes.StreamJobEvents, durable, ("jobId", jobId));

    [Function(nameof(NatakRoutes.GetAdminJob))]
    public IActionResult GetAdminJob(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = NatakRoutes.Templates.AdminJob)] HttpRequest request,
        string jobId,
        [DurableClient] DurableTaskClient durable) => Run(NatakRoutes.GetAdminJob, durable, ("jobId", jobId));

    [Function(nameof(NatakRoutes.TerminateJob))]
    public IActionResult TerminateJob(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = NatakRoutes.Templates.TerminateJob)] HttpRequest request,
        string jobId,
        [DurableClient] DurableTaskClient durable) => Run(NatakRoutes.TerminateJob, durable, ("jobId", jobId));

    [Function(nameof(NatakRoutes.StartImages))]
    public IActionResult StartImages(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = NatakRoutes.Templates.Images)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) => Run(NatakRoutes.StartImages, durable);

    [Function(nameof(NatakRoutes.FalWebhook))]
    public IActionResult FalWebhook(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = NatakRoutes.Templates.FalWebhook)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) => Run(NatakRoutes.FalWebhook, durable);

    [Function(nameof(NatakRoutes.WaveSpeedWebhook))]
    public IActionResult WaveSpeedWebhook(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = NatakRoutes.Templates.WaveSpeedWebhook)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) => Run(NatakRoutes.WaveSpeedWebhook, durable);

    [Function(nameof(NatakRoutes.GetPricing))]
    public IActionResult GetPricing(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = NatakRoutes.Templates.Pricing)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) => Run(NatakRoutes.GetPricing, durable);

    [Function(nameof(NatakRoutes.CreateQuote))]
    public IActionResult CreateQuote(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = NatakRoutes.Templates.Quotes)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) => Run(NatakRoutes.CreateQuote, durable);

    [Function(nameof(NatakRoutes.GetCredits))]
    public IActionResult GetCredits(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = NatakRoutes.Templates.Credits)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) => Run(NatakRoutes.GetCredits, durable);

    [Function(nameof(NatakRoutes.ListCreditEntries))]
    public IActionResult ListCreditEntries(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = NatakRoutes.Templates.CreditEntries)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) => Run(NatakRoutes.ListCreditEntries, durable);

    [Function(nameof(NatakRoutes.PurchaseCredits))]
    public IActionResult PurchaseCredits(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = NatakRoutes.Templates.CreditPurchases)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) => Run(NatakRoutes.PurchaseCredits, durable);

    [Function(nameof(NatakRoutes.GrantCredits))]
    public IActionResult GrantCredits(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = NatakRoutes.Templates.CreditGrants)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) => Run(NatakRoutes.GrantCredits, durable);

    [Function(nameof(NatakRoutes.GetCosts))]
    public IActionResult GetCosts(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = NatakRoutes.Templates.Costs)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) => Run(NatakRoutes.GetCosts, durable);

    [Function(nameof(NatakRoutes.StartVideos))]
    public IActionResult StartVideos(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = NatakRoutes.Templates.Videos)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) => Run(NatakRoutes.StartVideos, durable);

    [Function(nameof(NatakRoutes.CreateUpload))]
    public IActionResult CreateUpload(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = NatakRoutes.Templates.Uploads)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) => Run(NatakRoutes.CreateUpload, durable);

    [Function(nameof(NatakRoutes.StartCharacter))]
    public IActionResult StartCharacter(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = NatakRoutes.Templates.Characters)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) => Run(NatakRoutes.StartCharacter, durable);

    [Function(nameof(NatakRoutes.ListCharacters))]
    public IActionResult ListCharacters(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = NatakRoutes.Templates.Characters)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) => Run(NatakRoutes.ListCharacters, durable);

    [Function(nameof(NatakRoutes.GetCharacter))]
    public IActionResult GetCharacter(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = NatakRoutes.Templates.Character)] HttpRequest request,
        string characterId,
        [DurableClient] DurableTaskClient durable) => Run(NatakRoutes.GetCharacter, durable, ("characterId", characterId));

    [Function(nameof(NatakRoutes.DeleteCharacter))]
    public IActionResult DeleteCharacter(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = NatakRoutes.Templates.Character)] HttpRequest request,
        string characterId,
        [DurableClient] DurableTaskClient durable) => Run(NatakRoutes.DeleteCharacter, durable, ("characterId", characterId));

    [Function(nameof(NatakRoutes.CreateCheckout))]
    public IActionResult CreateCheckout(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = NatakRoutes.Templates.CreditCheckout)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) => Run(NatakRoutes.CreateCheckout, durable);

    [Function(nameof(NatakRoutes.StripeWebhook))]
    public IActionResult StripeWebhook(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = NatakRoutes.Templates.StripeWebhook)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) => Run(NatakRoutes.StripeWebhook, durable);

    private PipelineActionResult Run(ApiRoute route, DurableTaskClient durable, params (string Name, string Value)[] routeValues) =>
        new(pipeline, route, durable, routeValues);
}
