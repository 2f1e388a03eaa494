namespace Natak.Infra.Tests;

public sealed class FunctionAppTests
{
    [Fact]
    public async Task App_runs_dotnet_10_isolated_on_a_flex_consumption_plan()
    {
        var template = await Infra.CompiledAsync();

        var (plan, _) = Assert.Single(template.ResourcesOfType("Microsoft.Web/serverfarms"));
        Assert.Equal("FlexConsumption", plan["sku"]?["tier"]?.GetValue<string>());
        Assert.Equal("FC1", plan["sku"]?["name"]?.GetValue<string>());

        var (site, _) = Assert.Single(template.ResourcesOfType("Microsoft.Web/sites"));
        var config = site["properties"]?["functionAppConfig"];
        Assert.Equal("dotnet-isolated", config?["runtime"]?["name"]?.GetValue<string>());
        Assert.Equal("10.0", config?["runtime"]?["version"]?.GetValue<string>());
        Assert.NotNull(config?["scaleAndConcurrency"]?["maximumInstanceCount"]);
        Assert.NotNull(config?["scaleAndConcurrency"]?["instanceMemoryMB"]);
        Assert.NotNull(config?["scaleAndConcurrency"]?["triggers"]?["http"]?["perInstanceConcurrency"]);
        Assert.True(site["properties"]?["httpsOnly"]?.GetValue<bool>());
    }

    [Theory]
    [InlineData("FUNCTIONS_WORKER_RUNTIME")]
    [InlineData("FUNCTIONS_EXTENSION_VERSION")]
    [InlineData("WEBSITE_RUN_FROM_PACKAGE")]
    [InlineData("WEBSITE_CONTENTAZUREFILECONNECTIONSTRING")]
    [InlineData("WEBSITE_CONTENTSHARE")]
    [InlineData("APPINSIGHTS_INSTRUMENTATIONKEY")]
    public async Task Settings_that_flex_consumption_or_identity_auth_rule_out_are_absent(string name)
    {
        // Flex takes the runtime and version from functionAppConfig and deploys from its blob container; an
        // instrumentation key would reopen the key-based ingestion that DisableLocalAuth closes.
        var settings = (await Infra.CompiledAsync()).AppSettings();

        Assert.DoesNotContain(settings, s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Telemetry_is_sent_with_the_apps_identity()
    {
        var template = await Infra.CompiledAsync();
        var settings = template.AppSettings().ToDictionary(s => s.Name, s => s.Value);

        var (component, _) = Assert.Single(template.ResourcesOfType("Microsoft.Insights/components"));
        Assert.True(component["properties"]?["DisableLocalAuth"]?.GetValue<bool>());
        Assert.Equal("[format('ClientId={0};Authorization=AAD', parameters('identityClientId'))]", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        Assert.Contains("ConnectionString", settings["APPLICATIONINSIGHTS_CONNECTION_STRING"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NatakTaskHub")]
    [InlineData("Natak__PublicBaseUrl")]
    [InlineData("Auth__Authority")]
    [InlineData("Auth__Audience")]
    [InlineData("Auth__Issuer")]
    [InlineData("R2_ACCOUNT_ID")]
    [InlineData("R2_BUCKET")]
    [InlineData("Providers__Fal__QueueBaseUrl")]
    [InlineData("Providers__WaveSpeed__BaseUrl")]
    [InlineData("Providers__Xai__BaseUrl")]
    public async Task Plain_settings_the_app_reads_are_set(string name)
    {
        var settings = (await Infra.CompiledAsync()).AppSettings();

        var setting = Assert.Single(settings, s => s.Name == name);
        Assert.False(string.IsNullOrWhiteSpace(setting.Value));
    }

    [Theory]
    [InlineData("functionAppName")]
    [InlineData("functionAppHostName")]
    [InlineData("keyVaultName")]
    [InlineData("storageAccountName")]
    [InlineData("falWebhookUrl")]
    [InlineData("waveSpeedWebhookUrl")]
    public async Task Deployment_outputs_name_what_an_operator_needs_next(string output)
    {
        var outputs = (await Infra.CompiledAsync()).Outputs;

        Assert.Equal("string", outputs[output]?["type"]?.GetValue<string>());
    }
}
