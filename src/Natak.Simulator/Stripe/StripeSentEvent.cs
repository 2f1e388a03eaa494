namespace Natak.Simulator;

/// <summary>An event the fake Stripe created and delivered (or will deliver): its id and type.</summary>
public sealed record StripeSentEvent(string Id, string Type);
