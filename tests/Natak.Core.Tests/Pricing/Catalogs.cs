using Natak.Core.Pricing;
using Natak.Core.Requests;

namespace Natak.Core.Tests.Pricing;

/// <summary>The default catalogue, loaded once (it is immutable), and engines over it.</summary>
internal static class Catalogs
{
    public static PricingCatalog Default { get; } = PricingCatalog.LoadDefault();

    public static QuoteEngine Quotes { get; } = new(Default, UrlPolicy.HttpsOnly);

    public static PipelinePlanner Planner { get; } = new(Default);

    public static Quote QuoteOf(IMediaRequest request)
    {
        var outcome = Quotes.Quote(request);
        Assert.True(outcome.IsValid, outcome.Errors.ToString());
        return outcome.Quote;
    }
}
