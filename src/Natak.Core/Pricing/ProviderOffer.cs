namespace Natak.Core.Pricing;

/// <summary>One provider offering a model, with its endpoint per variant.</summary>
public sealed record ProviderOffer(string Provider, IReadOnlyDictionary<string, ProviderEndpoint> Endpoints);
