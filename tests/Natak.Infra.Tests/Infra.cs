using System.Text.Json;
using System.Text.Json.Nodes;
using Natak.Testing;

namespace Natak.Infra.Tests;

/// <summary>The repository's deployment files, and main.bicep compiled once per test run.</summary>
internal static class Infra
{
    private static readonly Lazy<Task<BicepResult>> BuildLazy = new(() => BicepCli.RunAsync("build", MainBicep, "--stdout"));

    public static string Directory => Path.Combine(RepoPaths.Root, "infra");

    public static string MainBicep => Path.Combine(Directory, "main.bicep");

    public static string ParametersFile => Path.Combine(Directory, "main.parameters.json");

    public static string HostJsonFile => Path.Combine(RepoPaths.Root, "host.json");

    public static string DeployGuide => Path.Combine(RepoPaths.Root, "docs", "deploy.md");

    public static string HostJsonGuide => Path.Combine(RepoPaths.Root, "docs", "host-json.md");

    /// <summary>The app settings that carry credentials: each must be a Key Vault reference.</summary>
    public static readonly string[] SecretSettings =
    [
        "Providers__Fal__ApiKey",
        "Providers__WaveSpeed__ApiKey",
        "Providers__WaveSpeed__WebhookSecret",
        "Providers__Xai__ApiKey",
        "R2_ACCESS_KEY_ID",
        "R2_SECRET_ACCESS_KEY",
        "STRIPE_SECRET_KEY",
        "STRIPE_WEBHOOK_SECRET",
    ];

    public static Task<BicepResult> BuildAsync() => BuildLazy.Value;

    public static async Task<ArmTemplate> CompiledAsync()
    {
        var result = await BuildAsync();
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException("bicep build failed: " + result.Describe());
        }

        return ArmTemplate.Parse(result.StandardOutput);
    }

    /// <summary>Strict JSON: no comments, no trailing commas (what the Functions host and ARM accept).</summary>
    public static JsonObject ReadJson(string path) =>
        JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow })?.AsObject()
        ?? throw new InvalidOperationException(path + " is empty");

    /// <summary>Every string value below a node with its JSON path, skipping the subtrees named in <paramref name="skip"/>.</summary>
    public static IEnumerable<(string Path, string Value)> Strings(JsonNode? node, params string[] skip)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    if (!skip.Contains(key, StringComparer.Ordinal))
                    {
                        foreach (var s in Strings(child, skip))
                        {
                            yield return s;
                        }
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    foreach (var s in Strings(child, skip))
                    {
                        yield return s;
                    }
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                yield return (value.GetPath(), value.GetValue<string>());
                break;
        }
    }
}
