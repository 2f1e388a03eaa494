namespace Natak.EndToEnd.Tests.ProviderCalls;

/// <summary>One step of a job the test ordered, and the marker in its prompt.</summary>
internal sealed record StepCall(string JobId, string StepKey, string Marker);
