namespace Natak.Providers.Xai;

/// <summary>A chat completion request.</summary>
/// <param name="Messages">The conversation.</param>
public sealed record XaiChatRequest(IReadOnlyList<XaiChatMessage> Messages)
{
    /// <summary>Overrides <see cref="XaiOptions.Model"/>.</summary>
    public string? Model { get; init; }

    /// <summary>Sampling temperature.</summary>
    public double? Temperature { get; init; }

    /// <summary>Upper bound on generated tokens.</summary>
    public int? MaxTokens { get; init; }
}
