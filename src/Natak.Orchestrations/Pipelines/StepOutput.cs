namespace Natak.Orchestrations.Pipelines;

/// <summary>What a step produced: text (a written prompt) or stored assets (the first is the step's main output).</summary>
public sealed record StepOutput(string StepKey, string? Text, IReadOnlyList<AssetRef> Assets, long? Seed = null)
{
    public AssetRef? Main => Assets.Count > 0 ? Assets[0] : null;
}
