namespace Natak.Core.Pricing;

/// <summary>
/// One output type on the price list: a fixed price in credits (scaled by <see cref="Per"/> when set), or
/// <see cref="Formula"/> = true when its price follows from its quoted cost (ask for a quote).
/// </summary>
public sealed record PriceListEntry(string Key, string Name, int? Credits, CreditPer? Per, bool Formula);
