using System.Text.Json.Nodes;
using Natak.Assets;
using Natak.Core.Pricing;

namespace Natak.Orchestrations.Pipelines.ProviderCalls;

/// <summary>Where a step's files are in a provider's result, what they are, and which types their bytes may show.</summary>
internal static class OutputLayout
{
    public static IReadOnlyList<(string Role, Uri Url)> Files(string stepName, string provider, JsonNode? payload, IReadOnlyList<Uri> waveSpeedOutputs)
    {
        var role = RoleOf(stepName);
        if (provider == ProviderNames.WaveSpeed)
        {
            return waveSpeedOutputs.Take(1).Select(u => (role, u)).ToList();
        }

        var files = new List<(string, Uri)>();
        void Add(string r, JsonNode? file)
        {
            if (file?["url"]?.GetValue<string>() is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri))
            {
                files.Add((r, uri));
            }
        }

        switch (stepName)
        {
            case PlanStepNames.Train:
                Add(AssetRoles.Lora, payload?["diffusers_lora_file"]);
                Add(AssetRoles.Config, payload?["config_file"]);
                break;
            case PlanStepNames.Segment:
                Add(role, payload?["masks"]?.AsArray().FirstOrDefault() ?? payload?["image"]);
                break;
            case PlanStepNames.Video or PlanStepNames.Animate:
                Add(role, payload?["video"]);
                break;
            default:
                Add(role, payload?["images"]?.AsArray().FirstOrDefault() ?? payload?["image"]);
                break;
        }

        return files;
    }

    public static string RoleOf(string stepName) => stepName switch
    {
        PlanStepNames.Train => AssetRoles.Lora,
        PlanStepNames.Segment => AssetRoles.Mask,
        PlanStepNames.Video or PlanStepNames.Animate => AssetRoles.Video,
        _ => AssetRoles.Image,
    };

    public static IReadOnlySet<string> AllowedTypes(string role) => role switch
    {
        AssetRoles.Video => AssetContentTypes.Videos,
        AssetRoles.Lora => new HashSet<string>(StringComparer.Ordinal) { AssetContentTypes.Safetensors },
        AssetRoles.Config => new HashSet<string>(StringComparer.Ordinal) { AssetContentTypes.Json },
        _ => new HashSet<string>(StringComparer.Ordinal) { AssetContentTypes.Png, AssetContentTypes.Jpeg, AssetContentTypes.Webp },
    };

    private static readonly HashSet<string> KnownExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".png", ".jpg", ".jpeg", ".webp", ".mp4", ".mov", ".webm", ".safetensors", ".json",
    };

    /// <summary>The provider file's extension when it is a known one (object keys keep it for people who download them).</summary>
    public static string ExtensionOf(Uri url)
    {
        var extension = Path.GetExtension(url.AbsolutePath);
        return KnownExtensions.Contains(extension) ? extension.ToLowerInvariant() : string.Empty;
    }
}

/// <summary>What a stored file is for.</summary>
public static class AssetRoles
{
    public const string Image = "image";
    public const string Mask = "mask";
    public const string Video = "video";
    public const string Lora = "lora";
    public const string Config = "config";
    public const string TrainingImages = "training-images";
}
