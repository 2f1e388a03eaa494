namespace Natak.Core.Pricing;

/// <summary>The public price list (<c>GET /api/pricing</c>): what each output type costs in credits, and the packs.</summary>
public sealed record PriceList(IReadOnlyList<PriceListEntry> OutputTypes, IReadOnlyList<CreditPack> Packs, CreditFormula Formula)
{
    public static PriceList From(PricingCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new PriceList(
            [.. catalog.OutputTypes.Select(t => new PriceListEntry(t.Key, t.Name, t.FixedCredits, t.Per, t.IsFormula))],
            catalog.Packs,
            catalog.Formula);
    }
}
