using System.ComponentModel.DataAnnotations;

namespace Natak.Core.Pricing;

/// <summary>One provider offering a model, with its endpoint per variant.</summary>
public sealed record ProviderOffer(string Provider, [property: MinLength(1)] IReadOnlyDictionary<string, ProviderEndpoint> Endpoints);
