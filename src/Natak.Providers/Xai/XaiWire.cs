namespace Natak.Providers.Xai;

// xAI's OpenAI-compatible wire shapes (snake_case via ProvidersJsonContext).

internal sealed record XaiChatRequestWire
{
    public required string Model { get; init; }
    public required List<XaiMessageWire> Messages { get; init; }
    public double? Temperature { get; init; }
    public int? MaxTokens { get; init; }
    public bool Stream { get; init; }
}

internal sealed record XaiMessageWire
{
    public string? Role { get; init; }
    public string? Content { get; init; }
}

internal sealed record XaiChatResponseWire
{
    public string? Id { get; init; }
    public string? Model { get; init; }
    public List<XaiChoiceWire>? Choices { get; init; }
    public XaiUsageWire? Usage { get; init; }
}

internal sealed record XaiChoiceWire
{
    public XaiMessageWire? Message { get; init; }
}

internal sealed record XaiUsageWire
{
    public long PromptTokens { get; init; }
    public long CompletionTokens { get; init; }
    public long TotalTokens { get; init; }
    public XaiCompletionDetailsWire? CompletionTokensDetails { get; init; }
}

internal sealed record XaiCompletionDetailsWire
{
    public long ReasoningTokens { get; init; }
}
