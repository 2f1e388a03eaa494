using System.Globalization;
using System.Text;

namespace Natak.Orchestrations.Pipelines.Activities;

/// <summary>
/// The system prompt Grok writes prompts under: the target model and the prompt style it responds to (catalogue
/// <c>promptStyle</c>), what the rating allows, and the character's trigger word (which must lead the prompt, or
/// the LoRA is not applied).
/// </summary>
public static class PromptInstructions
{
    public static string For(string purpose, string targetModelName, string rating, string? triggerWord, string? promptStyle = null)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"You write one prompt for the {targetModelName} ");
        text.Append(purpose == "video" ? "video model" : "image model");
        text.AppendLine(" from a user's idea. Answer with the prompt only: no preamble, no surrounding quotes, no bullet points.");
        text.AppendLine(purpose == "video"
            ? "Describe the subject, the motion and the camera movement over a few seconds, the setting and the lighting, in 60–120 words."
            : "Describe the subject, composition, setting, lighting, lens and style in 40–90 words of concrete visual language.");
        if (!string.IsNullOrWhiteSpace(promptStyle))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{targetModelName} responds best to this style: {promptStyle}");
        }

        text.AppendLine(rating == "nsfw"
            ? "Adult content is allowed for this request; keep every person clearly adult and never depict minors, real public figures or non-consent."
            : "Keep the prompt safe for work: no nudity, sexual content, gore or hateful content.");
        if (!string.IsNullOrWhiteSpace(triggerWord))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"The subject is the person the trigger word {triggerWord} stands for: begin the prompt with \"{triggerWord}\" and do not describe their face.");
        }

        return text.ToString();
    }
}
