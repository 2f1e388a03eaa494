namespace Natak.Core.Pricing;

/// <summary>Where a step input's value comes from.</summary>
public enum StepInputSource
{
    /// <summary>The value is in the plan (<see cref="StepInput.Value"/> or <see cref="StepInput.Values"/>).</summary>
    Literal,

    /// <summary>The output of an earlier step (<see cref="StepInput.Step"/>): its text, image URL, video URL or LoRA URL.</summary>
    StepOutput,

    /// <summary>The LoRA URL of the character whose id is <see cref="StepInput.Value"/>; its trigger word leads the prompt.</summary>
    Character,
}
