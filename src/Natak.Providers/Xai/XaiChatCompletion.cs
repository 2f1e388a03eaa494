namespace Natak.Providers.Xai;

/// <summary>A chat completion: the first choice's text and the usage to bill.</summary>
/// <param name="Model">The model that answered.</param>
/// <param name="Content"><c>choices[0].message.content</c>.</param>
/// <param name="Usage">Token usage.</param>
public sealed record XaiChatCompletion(string Model, string Content, XaiUsage Usage);
