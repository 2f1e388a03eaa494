using System.Text.Json.Nodes;
using Natak.Assets;
using Natak.Core.Pricing;

namespace Natak.Orchestrations.Pipelines.ProviderCalls;

/// <summary>Where a step's files are in a provider's result, what they are, and which types their bytes may show.</summary>
internal static class OutputLayout
{
    /// <summary>The files of a finished request of a <paramref name="kind"/> model, the main one first.</summary>
    public static IReadOnlyList<(string Role, Uri Url)> Files(ModelKind kind, string provider, JsonNode? payload, IReadOnlyList<Uri> waveSpeedOutputs)
    {
        var role = RoleOf(kind);
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

        switch (kind)
        {
            case ModelKind.Training:
                Add(AssetRoles.Lora, payload?["diffusers_lora_file"]);
                Add(AssetRoles.Config, payload?["config_file"]);
                break;
            case ModelKind.Segment:
                Add(role, payload?["masks"]?.AsArray().FirstOrDefault() ?? payload?["image"]);
                break;
            case ModelKind.Video:
                Add(role, payload?["video"]);
                break;
            default:
                Add(role, payload?["images"]?.AsArray().FirstOrDefault() ?? payload?["image"]);
                break;
        }

        return files;
    }

    /// <summary>What the main file of a <paramref name="kind"/> model is: LoRA weights, a mask, a video, or (every other model) an image.</summary>
    public static string RoleOf(ModelKind kind) => kind switch
    {
        ModelKind.Training => AssetRoles.Lora,
        ModelKind.Segment => AssetRoles.Mask,
        ModelKind.Video => AssetRoles.Video,
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
