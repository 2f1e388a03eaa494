using System.Text.RegularExpressions;

namespace Natak.Simulator;

/// <summary>
/// The simulated Grok answer: a deterministic image prompt built from the last user message, starting with the
/// trigger word when the system prompt names one ("trigger word: ohwx", "the trigger word is `ohwx`").
/// </summary>
internal static partial class PromptWriter
{
    private static readonly string[] Descriptors =
    [
        "photorealistic", "natural skin texture", "soft window light", "85mm lens", "shallow depth of field",
        "golden hour", "detailed background", "high dynamic range", "sharp focus", "cinematic composition",
        "subtle film grain", "balanced colour grading", "candid expression", "studio lighting", "overcast daylight",
        "rule of thirds", "crisp details", "gentle rim light", "muted palette", "vivid colours",
    ];

    public static string? TriggerWordIn(string? systemPrompt) =>
        systemPrompt is not null && TriggerWordPattern().Match(systemPrompt) is { Success: true } match ? match.Groups[1].Value : null;

    public static string Write(string? systemPrompt, string userMessage)
    {
        var subject = Whitespace().Replace(userMessage, " ").Trim().TrimEnd('.', '!', '?', ' ');
        if (subject.Length == 0)
        {
            subject = "a portrait";
        }

        var random = new DeterministicBytes(systemPrompt + "\n" + userMessage);
        var pool = Descriptors.ToList();
        var picked = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            var index = random.Next(pool.Count);
            picked.Add(pool[index]);
            pool.RemoveAt(index);
        }

        var trigger = TriggerWordIn(systemPrompt);
        return (trigger is null ? "" : trigger + ", ") + subject + ", " + string.Join(", ", picked);
    }

    [GeneratedRegex(@"trigger[\s_-]*word\s*(?:is\b|:|=)?\s*[""'`]?([A-Za-z0-9_\-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex TriggerWordPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
