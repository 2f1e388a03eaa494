namespace Natak.Core.Pricing;

/// <summary>What running a <see cref="PlanStep"/> means. The job orchestration dispatches on it, never on the step's name.</summary>
public enum StepKind
{
    /// <summary>A paid request to a provider (fal, WaveSpeed): submit, wait, collect, fail over between the step's providers. Output: stored files.</summary>
    ProviderCall,

    /// <summary>Expand the idea into a prompt with the catalogue's prompt model (xAI), one chat completion. Output: the prompt text.</summary>
    Prompt,

    /// <summary>Natak's own work, at $0: package the training photos (<c>imageUrls</c>) into the zip LoRA training takes. Output: the zip in R2.</summary>
    PackagePhotos,

    /// <summary>Accounting only (a month of a character's R2 storage): priced into the quote, nothing runs.</summary>
    Accounting,
}
