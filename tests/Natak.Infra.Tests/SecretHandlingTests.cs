using System.Text.RegularExpressions;

namespace Natak.Infra.Tests;

public sealed partial class SecretHandlingTests
{
    [Fact]
    public async Task Every_credential_setting_is_a_key_vault_reference()
    {
        var settings = (await Infra.CompiledAsync()).AppSettings();

        foreach (var name in Infra.SecretSettings)
        {
            var setting = Assert.Single(settings, s => s.Name == name);
            Assert.True(IsKeyVaultReference(setting.Value), $"{name} = {setting.Value} is not a Key Vault reference");
        }
    }

    [Fact]
    public async Task Every_setting_named_like_a_secret_is_a_key_vault_reference()
    {
        var template = await Infra.CompiledAsync();
        var localAuthDisabled = template.ResourcesOfType("Microsoft.Insights/components")
            .All(c => c.Resource["properties"]?["DisableLocalAuth"]?.GetValue<bool>() == true);

        var offenders = template.AppSettings()
            .Where(s => SecretShapes.IsSecretName(s.Name) && !IsKeyVaultReference(s.Value))
            // With local auth disabled the App Insights connection string only names an endpoint: ingestion
            // needs an Entra ID token for the app's identity. Anywhere else it would be a credential.
            .Where(s => !(s.Name == "APPLICATIONINSIGHTS_CONNECTION_STRING" && localAuthDisabled))
            .Select(s => $"{s.Name} = {s.Value}")
            .ToList();

        Assert.True(offenders.Count == 0, "secret-named settings that are not Key Vault references:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public async Task Key_vault_references_name_valid_secrets_in_the_deployed_vault()
    {
        var template = await Infra.CompiledAsync();

        foreach (var setting in template.AppSettings().Where(s => IsKeyVaultReference(s.Value)))
        {
            var reference = KeyVaultFormat().Match(setting.Value);
            Assert.True(reference.Success, $"{setting.Name}: expected format('@Microsoft.KeyVault(SecretUri={{0}}secrets/{{1}}/)', vaultUri, name), got {setting.Value}");
            Assert.Equal("[parameters('keyVaultUri')]", "[" + reference.Groups["vault"].Value + "]");
            var secretName = Assert.Single(setting.Template.ResolveStrings("[" + reference.Groups["secret"].Value + "]"));
            Assert.Matches("^[0-9A-Za-z-]{1,127}$", secretName);
        }
    }

    [Fact]
    public async Task Key_vault_references_resolve_with_the_apps_user_assigned_identity()
    {
        var (site, _) = Assert.Single((await Infra.CompiledAsync()).ResourcesOfType("Microsoft.Web/sites"));

        Assert.Equal("UserAssigned", site["identity"]?["type"]?.GetValue<string>());
        var referenceIdentity = site["properties"]?["keyVaultReferenceIdentity"]?.GetValue<string>() ?? string.Empty;
        var identityKey = Assert.Single(site["identity"]!["userAssignedIdentities"]!.AsObject()).Key;
        var parameter = ParameterName().Match(referenceIdentity);
        Assert.True(parameter.Success, "keyVaultReferenceIdentity is not taken from a parameter: " + referenceIdentity);
        Assert.Contains(parameter.Value, identityKey, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Key_vault_uses_rbac_and_holds_no_secret_from_the_template()
    {
        var template = await Infra.CompiledAsync();

        var (vault, _) = Assert.Single(template.ResourcesOfType("Microsoft.KeyVault/vaults"));
        Assert.True(vault["properties"]?["enableRbacAuthorization"]?.GetValue<bool>());
        Assert.Empty(template.ResourcesOfType("Microsoft.KeyVault/vaults/secrets"));
        Assert.Empty(template.ResourcesOfType("Microsoft.KeyVault/vaults/accessPolicies"));
    }

    [Fact]
    public async Task Parameters_named_like_secrets_are_secure_at_every_module_level()
    {
        var template = await Infra.CompiledAsync();

        var offenders = template.SelfAndDescendants
            .SelectMany(t => t.Parameters.Select(p => (Module: t.DeploymentName, p.Key, Type: p.Value?["type"]?.GetValue<string>())))
            .Where(p => SecretShapes.IsSecretName(p.Key) && p.Type is not ("securestring" or "secureObject"))
            .Select(p => $"{p.Module}: {p.Key} ({p.Type})")
            .ToList();

        Assert.True(offenders.Count == 0, "plain parameters with secret names:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public async Task Compiled_template_contains_no_literal_shaped_like_a_credential()
    {
        var template = await Infra.CompiledAsync();

        var offenders = Infra.Strings(template.Root, "metadata")
            .SelectMany(s => SecretShapes.Literals(s.Value).Select(literal => (s.Path, Literal: literal)))
            .Where(s => SecretShapes.LooksLikeSecretValue(s.Literal))
            .Select(s => $"{s.Path}: {s.Literal}")
            .ToList();

        Assert.True(offenders.Count == 0, "credential-shaped literals:\n" + string.Join('\n', offenders));
        Assert.DoesNotContain("listKeys(", template.Root.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Parameter_file_sets_no_secret_and_only_parameters_the_template_declares()
    {
        var template = await Infra.CompiledAsync();
        var file = Infra.ReadJson(Infra.ParametersFile);
        var declared = template.Parameters.Select(p => p.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);

        foreach (var (name, entry) in file["parameters"]!.AsObject())
        {
            Assert.Contains(name, declared);
            Assert.False(SecretShapes.IsSecretName(name), $"{name} looks like a secret; secrets are set in Key Vault after deployment");
            Assert.Null(entry?["reference"]);
            foreach (var (path, value) in Infra.Strings(entry))
            {
                Assert.False(SecretShapes.LooksLikeSecretValue(value), $"{name}{path} looks like a credential");
            }
        }
    }

    private static bool IsKeyVaultReference(string value) =>
        KeyVaultPrefix().IsMatch(value);

    [GeneratedRegex(@"^(\[format\(')?@Microsoft\.KeyVault\(SecretUri=")]
    private static partial Regex KeyVaultPrefix();

    [GeneratedRegex(@"^\[format\('@Microsoft\.KeyVault\(SecretUri=\{0\}secrets/\{1\}/\)', (?<vault>[^,]+), (?<secret>[^\]]+)\)\]$")]
    private static partial Regex KeyVaultFormat();

    [GeneratedRegex(@"parameters\('\w+'\)")]
    private static partial Regex ParameterName();
}
