namespace Natak.Core.Pricing;

/// <summary>One line of a quote: a plan step, the provider and model id that will run it, and its cost over all runs.</summary>
public sealed record QuoteStep(string Name, string Provider, string Model, decimal CostUsd, int Count);
