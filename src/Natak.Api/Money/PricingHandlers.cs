using Microsoft.AspNetCore.Http;
using Natak.Api.Http;
using Natak.Api.Media;
using Natak.Core.Pricing;
using Natak.Core.Requests;

namespace Natak.Api.Money;

/// <summary><c>GET /api/pricing</c> (public) and <c>POST /api/quotes</c> (api.md "Credits, pricing, costs").</summary>
internal static class PricingHandlers
{
    public static Task<IResult> GetPricing(ApiRequest request)
    {
        // Prices change with a deployment (the catalogue is loaded at start-up), not between requests.
        request.Http.Response.Headers.CacheControl = "public, max-age=300";
        IResult result = TypedResults.Json(request.Service<PriceList>(), NatakJson.Options);
        return Task.FromResult(result);
    }

    /// <summary>
    /// Validates the inner request exactly as its start route does (same catalogue rules, same URL policy, unknown
    /// fields refused; field paths prefixed <c>request.</c>), plans and prices it. Starts nothing, holds nothing.
    /// </summary>
    public static async Task<IResult> CreateQuote(ApiRequest request)
    {
        var envelope = await request.ReadJsonAsync<QuoteRequest>();
        var outcome = request.Service<QuoteEngine>().Quote(envelope);
        if (!outcome.IsValid)
        {
            throw new ApiProblemException(ApiProblem.Validation(outcome.Errors.ToDictionary()));
        }

        return TypedResults.Json(outcome.Quote, NatakJson.Options);
    }
}
