using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Natak.Orchestrations.Hosting;
using Natak.Assets;

namespace Natak.EndToEnd.Tests.Platform;

/// <summary>The SSRF allow-list for local services is refused at start-up anywhere but Development.</summary>
public sealed class DevelopmentOnlySettingsTests
{
    [Theory]
    [InlineData("Development", true, true)]
    [InlineData("Production", true, false)]
    [InlineData("Staging", true, false)]
    [InlineData("Production", false, true)]
    public void The_allowed_development_hosts_are_accepted_only_in_development(string environment, bool withHosts, bool valid)
    {
        var options = new SafeFetchOptions();
        if (withHosts)
        {
            options.AllowedDevelopmentHosts.Add("127.0.0.1");
        }

        var result = new SafeFetchOptionsValidator(new Environment(environment)).Validate(null, options);

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("SafeFetch:AllowedDevelopmentHosts (127.0.0.1) is allowed only in the Development environment", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "Natak";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
