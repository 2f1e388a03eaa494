using System.Text.Json.Nodes;

namespace Natak.Infra.Tests;

public sealed class StorageTests
{
    [Fact]
    public async Task Storage_account_refuses_shared_key_and_anonymous_access()
    {
        var (account, _) = Assert.Single((await Infra.CompiledAsync()).ResourcesOfType("Microsoft.Storage/storageAccounts"));
        var properties = account["properties"]!;

        Assert.False(properties["allowSharedKeyAccess"]?.GetValue<bool>());
        Assert.False(properties["allowBlobPublicAccess"]?.GetValue<bool>());
        Assert.True(properties["supportsHttpsTrafficOnly"]?.GetValue<bool>());
        Assert.Equal("TLS1_2", properties["minimumTlsVersion"]?.GetValue<string>());
    }

    [Fact]
    public async Task Host_storage_connection_is_identity_based()
    {
        var settings = (await Infra.CompiledAsync()).AppSettings().ToDictionary(s => s.Name, s => s.Value);

        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Contains("parameters('storageAccountName')", settings["AzureWebJobsStorage__accountName"], StringComparison.Ordinal);
        Assert.Equal("[parameters('identityClientId')]", settings["AzureWebJobsStorage__clientId"]);
        Assert.All(settings, s => Assert.DoesNotContain("AccountKey", s.Value, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Flex_deployment_package_is_read_with_the_user_assigned_identity()
    {
        var (site, _) = Assert.Single((await Infra.CompiledAsync()).ResourcesOfType("Microsoft.Web/sites"));
        var storage = site["properties"]?["functionAppConfig"]?["deployment"]?["storage"];

        Assert.Equal("blobContainer", storage?["type"]?.GetValue<string>());
        Assert.Equal("UserAssignedIdentity", storage?["authentication"]?["type"]?.GetValue<string>());
        Assert.Equal(
            site["properties"]?["keyVaultReferenceIdentity"]?.GetValue<string>(),
            storage?["authentication"]?["userAssignedIdentityResourceId"]?.GetValue<string>());
    }

    [Fact]
    public async Task App_tables_are_created_in_the_storage_account()
    {
        var template = await Infra.CompiledAsync();

        var (tables, _) = Assert.Single(template.Module("storage").ResourcesOfType("Microsoft.Storage/storageAccounts/tableServices/tables"));
        Assert.Equal("[length(parameters('tableNames'))]", tables["copy"]?["count"]?.GetValue<string>());
        var passed = template.Resources.Single(r => r["name"]?.GetValue<string>() == "storage")["properties"]?["parameters"]?["tableNames"]?["value"];

        Assert.Equal(["Characters", "CreditClaims", "CreditHoldExpiry", "CreditLedger", "Jobs", "Spend", "WebhookInbox"], Elements(template, passed).Order());
    }

    // The module receives either a literal array or main's variable holding it.
    private static IEnumerable<string> Elements(ArmTemplate template, JsonNode? passed) => passed switch
    {
        JsonArray array => array.Select(ArmTemplate.Text),
        _ when ArmTemplate.Text(passed) is var expression && ArmTemplate.IsExpression(expression)
            => template.ResolveStrings(expression[..^1] + "[copyIndex()]]"),
        _ => [],
    };
}
