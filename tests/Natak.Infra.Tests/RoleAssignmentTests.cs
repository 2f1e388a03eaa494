using System.Text.RegularExpressions;

namespace Natak.Infra.Tests;

public sealed partial class RoleAssignmentTests
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    [Fact]
    public async Task Every_role_assignment_name_is_a_deterministic_guid_of_scope_principal_and_role()
    {
        var assignments = (await Infra.CompiledAsync()).ResourcesOfType("Microsoft.Authorization/roleAssignments").ToList();
        Assert.NotEmpty(assignments);

        foreach (var (assignment, _) in assignments)
        {
            var name = assignment["name"]?.GetValue<string>() ?? string.Empty;
            Assert.StartsWith("[guid(", name, StringComparison.Ordinal);
            Assert.DoesNotContain("utcNow(", name, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("newGuid(", name, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(RoleExpression(assignment), name, StringComparison.Ordinal);
            Assert.True(TopLevelArguments(name["[guid(".Length..^2]) >= 3, "guid() needs scope, principal and role: " + name);
        }
    }

    [Fact]
    public async Task App_identity_is_granted_storage_key_vault_and_telemetry_roles()
    {
        var template = await Infra.CompiledAsync();

        var granted = template.ResourcesOfType("Microsoft.Authorization/roleAssignments")
            .Where(a => a.Resource["properties"]?["principalType"]?.GetValue<string>() == "ServicePrincipal"
                && a.Resource["condition"] is null)
            .SelectMany(a => a.Template.ResolveStrings("[" + RoleExpression(a.Resource) + "]"))
            .ToHashSet();

        Assert.Superset(
            new HashSet<string> { StorageBlobDataOwner, StorageQueueDataContributor, StorageTableDataContributor, KeyVaultSecretsUser, MonitoringMetricsPublisher },
            granted);
    }

    [Fact]
    public async Task Function_app_waits_for_its_role_assignments()
    {
        var template = await Infra.CompiledAsync();
        var functionApp = template.Resources.Single(r => r["name"]?.GetValue<string>() == "functionApp");

        Assert.Contains(functionApp["dependsOn"]!.AsArray(), d => ArmTemplate.Text(d) == "roles");
    }

    private static string RoleExpression(System.Text.Json.Nodes.JsonObject assignment)
    {
        var roleDefinitionId = assignment["properties"]?["roleDefinitionId"]?.GetValue<string>() ?? string.Empty;
        var match = RoleDefinitionArgument().Match(roleDefinitionId);
        Assert.True(match.Success, "roleDefinitionId is not a built-in role reference: " + roleDefinitionId);
        return match.Groups[1].Value;
    }

    private static int TopLevelArguments(string arguments)
    {
        int depth = 0, count = 1;
        var quoted = false;
        foreach (var c in arguments)
        {
            switch (c)
            {
                case '\'':
                    quoted = !quoted;
                    break;
                case '(' or '[' when !quoted:
                    depth++;
                    break;
                case ')' or ']' when !quoted:
                    depth--;
                    break;
                case ',' when !quoted && depth == 0:
                    count++;
                    break;
            }
        }

        return count;
    }

    [GeneratedRegex(@"^\[subscriptionResourceId\('Microsoft\.Authorization/roleDefinitions', (.+)\)\]$")]
    private static partial Regex RoleDefinitionArgument();
}
