namespace Natak.Core.Pricing;

/// <summary>
/// Which part of a job's result a step's output is, besides each output's final file (the last step of its chain)
/// and the prompt (the output of the <see cref="StepKind.Prompt"/> step).
/// </summary>
public enum ResultPart
{
    /// <summary>An intermediate output: it feeds later steps only.</summary>
    None,

    /// <summary>The new character's LoRA weights (and their config).</summary>
    CharacterLora,

    /// <summary>One of the new character's reference images, in plan order.</summary>
    CharacterReference,

    /// <summary>The start frame Natak made for a video (a character's reference image, or the animate workaround's refined frame).</summary>
    StartFrame,
}
