using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Natak.Testing;

namespace Natak.Infra.Tests;

/// <summary>
/// <c>azd up</c> (azure.yaml + infra/main.parameters.json) and the per-environment parameter files
/// (infra/env/*.bicepparam) describe a deployment the template accepts, and the alerts watch metrics the app emits.
/// </summary>
public sealed partial class AzdAndEnvironmentTests
{
    private static readonly Dictionary<string, string> EnvironmentVariables = new()
    {
        ["NATAK_AUTH_AUTHORITY"] = "https://login.example/tenant/v2.0",
        ["NATAK_AUTH_AUDIENCE"] = "api://natak",
        ["NATAK_R2_ACCOUNT_ID"] = "0123456789abcdef",
        ["NATAK_CHECKOUT_SUCCESS_URL"] = "https://studio.example.com/credits?checkout=success",
        ["NATAK_CHECKOUT_CANCEL_URL"] = "https://studio.example.com/credits?checkout=cancelled",
    };

    [Fact]
    public async Task Azure_yaml_deploys_the_function_app_project_as_a_service_and_provisions_infra()
    {
        var yaml = SimpleYaml.Read(Path.Combine(RepoPaths.Root, "azure.yaml"));

        Assert.Equal("bicep", yaml["infra.provider"]);
        Assert.Equal("main", yaml["infra.module"]);
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, yaml["infra.path"], yaml["infra.module"] + ".bicep")), "infra.path/module names no Bicep file");
        Assert.Equal(Infra.Directory, Path.GetFullPath(Path.Combine(RepoPaths.Root, yaml["infra.path"])));

        var service = Assert.Single(yaml.Keys, k => k.StartsWith("services.", StringComparison.Ordinal) && k.EndsWith(".host", StringComparison.Ordinal))
            .Split('.')[1];
        Assert.Equal("function", yaml[$"services.{service}.host"]);
        Assert.Equal("dotnet", yaml[$"services.{service}.language"]);
        Assert.Equal("src/Natak.Functions", yaml[$"services.{service}.project"]);
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "src", "Natak.Functions", "Natak.Functions.csproj")));

        // azd finds the resource to deploy to by the tag azd-service-name = the service's name.
        var template = await Infra.CompiledAsync();
        var (site, _) = Assert.Single(template.ResourcesOfType("Microsoft.Web/sites"));
        Assert.Contains($"'azd-service-name', '{service}'", ArmTemplate.Text(site["tags"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Azd_parameters_set_every_required_parameter_from_azd_variables()
    {
        var template = await Infra.CompiledAsync();
        var file = Infra.ReadJson(Infra.ParametersFile)["parameters"]!.AsObject();

        Assert.All(RequiredParameters(template), name => Assert.True(file.ContainsKey(name), $"main.parameters.json does not set {name}"));
        Assert.Equal("${AZURE_ENV_NAME}", ArmTemplate.Text(file["environmentName"]!["value"]));
        Assert.All(file, p => Assert.Matches(AzdValue(), ArmTemplate.Text(p.Value!["value"])));
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task Each_environment_file_builds_with_its_variables_and_sets_every_required_parameter(string environment)
    {
        var result = await BuildParamsAsync(environment, EnvironmentVariables);

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.True(string.IsNullOrWhiteSpace(result.StandardError), result.StandardError);
        var parameters = JsonNode.Parse(JsonNode.Parse(result.StandardOutput)!["parametersJson"]!.GetValue<string>())!["parameters"]!.AsObject();
        Assert.All(RequiredParameters(await Infra.CompiledAsync()), name => Assert.True(parameters.ContainsKey(name), $"{environment}.bicepparam does not set {name}"));
        Assert.Equal(environment, parameters["environmentName"]!["value"]!.GetValue<string>());
        Assert.Equal(EnvironmentVariables["NATAK_AUTH_AUTHORITY"], parameters["authAuthority"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_environment_file_refuses_to_build_when_a_deployment_specific_value_is_missing()
    {
        var result = await BuildParamsAsync("prod", EnvironmentVariables.Where(v => v.Key != "NATAK_R2_ACCOUNT_ID").ToDictionary());

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("NATAK_R2_ACCOUNT_ID", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alerts_query_metrics_the_app_emits_and_notify_the_action_group_parameter()
    {
        var template = await Infra.CompiledAsync();
        var alerts = template.Module("alerts");
        var (rule, _) = Assert.Single(alerts.ResourcesOfType("Microsoft.Insights/scheduledQueryRules"));
        var rules = alerts.Variables["rules"]!.AsArray();
        Assert.Equal(["failed-jobs", "provider-circuit-open", "spend-per-hour"], rules.Select(r => ArmTemplate.Text(r!["name"])).ToArray());

        var emitted = string.Join('\n', Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src"), "*.cs", SearchOption.AllDirectories).Select(File.ReadAllText));
        foreach (var query in rules.Select(r => ArmTemplate.Text(r!["query"])))
        {
            var metric = MetricName().Match(query).Groups[1].Value;
            Assert.Contains('"' + metric + '"', emitted, StringComparison.Ordinal);
        }

        Assert.Equal("[variables('actions')]", ArmTemplate.Text(rule["properties"]!["actions"]));
        Assert.Contains("parameters('actionGroupId')", alerts.Variables["actions"]!.ToJsonString().Replace("\\u0027", "'", StringComparison.Ordinal), StringComparison.Ordinal);
        var main = template.Resources.First(r => ArmTemplate.Text(r["name"]) == "alerts");
        Assert.Contains("alertActionGroupId", main["properties"]!["parameters"]!["actionGroupId"]!.ToJsonString(), StringComparison.Ordinal);
    }

    private static IEnumerable<string> RequiredParameters(ArmTemplate template) =>
        template.Parameters.Where(p => p.Value?["defaultValue"] is null).Select(p => p.Key);

    private static async Task<BicepResult> BuildParamsAsync(string environment, Dictionary<string, string> variables)
    {
        var file = Path.Combine(Infra.Directory, "env", environment + ".bicepparam");
        return await BicepCli.RunAsync(variables, "build-params", file, "--stdout");
    }

    [GeneratedRegex(@"name == ""([a-z.]+)""")]
    private static partial Regex MetricName();

    // Every value is an azd substitution (${NAME} or ${NAME=default}): nothing deployment-specific is written down.
    [GeneratedRegex(@"^\$\{[A-Z0-9_]+(=[^}]*)?\}$")]
    private static partial Regex AzdValue();
}
