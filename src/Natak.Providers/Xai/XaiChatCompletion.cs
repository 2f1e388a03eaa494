namespace Natak.Providers.Xai;

/// <summary>A chat completion: the first choice's text and the usage to bill.</summary>
/// <param name="Id">xAI's completion id.</param>
/// <param name="Model">The model that answered.</param>
/// <param name="Content"><c>choices[0].message.content</c>.</param>
/// <param name="FinishReason"><c>choices[0].finish_reason</c>, e.g. <c>stop</c>, <c>length</c>.</param>
/// <param name="Usage">Token usage.</param>
public sealed record XaiChatCompletion(string Id, string Model, string Content, string? FinishReason, XaiUsage Usage);
