using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Natak.Infra.Tests;

/// <summary>
/// A compiled ARM template (the output of <c>bicep build</c>) with the nested templates of its module
/// deployments. Understands both resource layouts: an array (language version 1) and an object keyed by
/// symbolic name (language version 2, which Bicep emits once user-defined types are used).
/// </summary>
internal sealed partial class ArmTemplate
{
    private ArmTemplate(JsonObject root, string deploymentName)
    {
        Root = root;
        DeploymentName = deploymentName;
        Nested = Resources
            .Where(r => TypeOf(r) == "Microsoft.Resources/deployments")
            .Select(r => new ArmTemplate(
                r["properties"]?["template"]?.AsObject() ?? throw new InvalidOperationException("module without an inline template"),
                r["name"]?.GetValue<string>() ?? "?"))
            .ToList();
    }

    public JsonObject Root { get; }

    /// <summary>The deployment (module) name this template runs under; "main" for the top level.</summary>
    public string DeploymentName { get; }

    public IReadOnlyList<ArmTemplate> Nested { get; }

    /// <summary>The resources this template deploys (references to <c>existing</c> resources left out).</summary>
    public IEnumerable<JsonObject> Resources => (Root["resources"] switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject byName => byName.Select(p => p.Value).OfType<JsonObject>(),
        _ => [],
    }).Where(r => r["existing"]?.GetValue<bool>() != true);

    public IEnumerable<ArmTemplate> SelfAndDescendants => Nested.SelectMany(n => n.SelfAndDescendants).Prepend(this);

    /// <summary>Every resource in this template and in every module below it, with the template declaring it.</summary>
    public IEnumerable<(JsonObject Resource, ArmTemplate Template)> AllResources =>
        SelfAndDescendants.SelectMany(t => t.Resources.Select(r => (r, t)));

    public IEnumerable<KeyValuePair<string, JsonNode?>> Parameters => Root["parameters"]?.AsObject() ?? [];

    public JsonObject Variables => Root["variables"]?.AsObject() ?? [];

    public JsonObject Outputs => Root["outputs"]?.AsObject() ?? [];

    public ArmTemplate Module(string deploymentName) =>
        SelfAndDescendants.SingleOrDefault(t => t.DeploymentName == deploymentName)
        ?? throw new InvalidOperationException($"no module deployment named '{deploymentName}'");

    public static ArmTemplate Parse(string json) =>
        new(JsonNode.Parse(json)?.AsObject() ?? throw new InvalidOperationException("empty template"), "main");

    public static string? TypeOf(JsonObject resource) => resource["type"]?.GetValue<string>();

    public IEnumerable<(JsonObject Resource, ArmTemplate Template)> ResourcesOfType(string type) =>
        AllResources.Where(x => string.Equals(TypeOf(x.Resource), type, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Every app setting of every function/web app: <c>Microsoft.Web/sites/config</c> "appsettings" resources
    /// and <c>siteConfig.appSettings</c> arrays. Values are raw template strings (literals or expressions).
    /// </summary>
    public IReadOnlyList<AppSetting> AppSettings()
    {
        var settings = new List<AppSetting>();
        foreach (var (resource, template) in ResourcesOfType("Microsoft.Web/sites/config"))
        {
            if (resource["name"]?.GetValue<string>().Contains("appsettings", StringComparison.OrdinalIgnoreCase) == true)
            {
                settings.AddRange(resource["properties"]!.AsObject().Select(p => new AppSetting(p.Key, Text(p.Value), template)));
            }
        }

        foreach (var (resource, template) in ResourcesOfType("Microsoft.Web/sites"))
        {
            if (resource["properties"]?["siteConfig"]?["appSettings"] is JsonArray array)
            {
                settings.AddRange(array.OfType<JsonObject>().Select(s => new AppSetting(Text(s["name"]), Text(s["value"]), template)));
            }
        }

        return settings;
    }

    /// <summary>
    /// Resolves the few expression shapes the role and secret tests need to see through:
    /// <c>variables('a')</c>, <c>variables('a').b</c>, <c>variables('a')[copyIndex()]</c> (every element),
    /// and a quoted literal. Anything else resolves to nothing.
    /// </summary>
    public IEnumerable<string> ResolveStrings(string expression)
    {
        var inner = IsExpression(expression) ? expression[1..^1] : expression;
        if (QuotedLiteral().Match(inner) is { Success: true } literal)
        {
            return [literal.Groups[1].Value];
        }

        if (VariableReference().Match(inner) is not { Success: true } reference)
        {
            return IsExpression(expression) ? [] : [expression];
        }

        JsonNode? node = Variables[reference.Groups["name"].Value];
        if (reference.Groups["member"].Success)
        {
            node = node?[reference.Groups["member"].Value];
        }

        return node switch
        {
            JsonArray array when reference.Groups["each"].Success => array.SelectMany(e => ResolveStrings(Text(e))),
            JsonValue value => ResolveStrings(Text(value)),
            _ => [],
        };
    }

    public static bool IsExpression(string value) =>
        value.StartsWith('[') && value.EndsWith(']') && !value.StartsWith("[[", StringComparison.Ordinal);

    public static string Text(JsonNode? node) => node?.GetValueKind() == System.Text.Json.JsonValueKind.String
        ? node.GetValue<string>()
        : node?.ToJsonString() ?? string.Empty;

    [GeneratedRegex(@"^'([^']*)'$")]
    private static partial Regex QuotedLiteral();

    [GeneratedRegex(@"^variables\('(?<name>\w+)'\)(\.(?<member>\w+))?(?<each>\[copyIndex\(\)\])?$")]
    private static partial Regex VariableReference();
}
