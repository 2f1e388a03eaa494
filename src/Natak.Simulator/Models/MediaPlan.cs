using System.Text.Json.Nodes;

namespace Natak.Simulator;

/// <summary>What a job will produce, decided from its input at submit time.</summary>
internal abstract record MediaPlan;

internal sealed record ImagesPlan(IReadOnlyList<ImageTarget> Images, long Seed, string? Prompt) : MediaPlan;

internal sealed record ImageTarget(int Width, int Height, SceneKind Scene, string Key);

internal sealed record VideoPlan(VideoSpec Video, long? Seed) : MediaPlan;

internal sealed record TrainingPlan(JsonObject Config, string? TriggerWord, int Steps, string Key) : MediaPlan;
