namespace Natak.Core.Pricing;

/// <summary>The quantities a fixed credit price can scale with (catalogue <c>per.quantity</c>).</summary>
public static class CreditQuantities
{
    /// <summary>Seconds of video.</summary>
    public const string Seconds = "seconds";

    /// <summary>LoRA training steps.</summary>
    public const string TrainingSteps = "training-steps";

    public static IReadOnlyList<string> All { get; } = [Seconds, TrainingSteps];
}
