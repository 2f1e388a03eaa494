namespace Natak.Infra.Tests;

/// <summary>Browser origins come from one parameter: platform CORS answers preflights, the app's own CORS the rest.</summary>
public sealed class CorsTests
{
    [Fact]
    public async Task Platform_cors_allows_exactly_the_parameters_origins_without_credentials()
    {
        var template = await Infra.CompiledAsync();

        var (site, _) = Assert.Single(template.ResourcesOfType("Microsoft.Web/sites"));
        var cors = site["properties"]?["siteConfig"]?["cors"];
        Assert.Equal("[parameters('corsAllowedOrigins')]", ArmTemplate.Text(cors?["allowedOrigins"]));
        Assert.False(cors?["supportCredentials"]?.GetValue<bool>());
    }

    [Fact]
    public async Task The_apps_own_cors_setting_carries_the_same_origins_comma_separated()
    {
        var settings = (await Infra.CompiledAsync()).AppSettings();

        var setting = Assert.Single(settings, s => s.Name == "Cors__AllowedOrigins");
        Assert.Equal("[join(parameters('corsAllowedOrigins'), ',')]", setting.Value);
    }

    [Fact]
    public async Task The_main_template_passes_its_origins_parameter_to_the_function_app()
    {
        var template = await Infra.CompiledAsync();

        Assert.Contains(template.Parameters, p => p.Key == "corsAllowedOrigins" && p.Value?["type"]?.GetValue<string>() == "array");
        var module = Assert.Single(template.Resources, r => r["name"]?.GetValue<string>() == "functionApp");
        Assert.Equal("[parameters('corsAllowedOrigins')]", ArmTemplate.Text(module["properties"]?["parameters"]?["corsAllowedOrigins"]?["value"]));
    }
}
