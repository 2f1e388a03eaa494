namespace Natak.Providers.Xai;

/// <summary>One chat message.</summary>
/// <param name="Role"><c>system</c>, <c>user</c> or <c>assistant</c>.</param>
/// <param name="Content">The text.</param>
public sealed record XaiChatMessage(string Role, string Content)
{
    /// <summary>A system message.</summary>
    public static XaiChatMessage System(string content) => new("system", content);

    /// <summary>A user message.</summary>
    public static XaiChatMessage User(string content) => new("user", content);
}
