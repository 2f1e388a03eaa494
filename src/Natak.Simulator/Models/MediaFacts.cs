namespace Natak.Simulator;

/// <summary>What the simulator learnt from an input file: pixel size and, for videos, duration.</summary>
internal sealed record MediaFacts(int Width, int Height, double? Seconds = null);
