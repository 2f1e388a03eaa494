using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Natak.Api.Hosting;
using Natak.Orchestrations;

namespace Natak.Functions;

/// <summary>Composes the Functions app: ASP.NET Core integration, the shared services, the shared durable task registry.</summary>
public static class NatakFunctionsApp
{
    /// <param name="args">Command-line arguments.</param>
    /// <param name="configure">Extra configuration applied before services are added (tests).</param>
    public static FunctionsApplicationBuilder CreateBuilder(string[] args, Action<IConfigurationBuilder>? configure = null)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        configure?.Invoke(builder.Configuration);
        builder.ConfigureFunctionsWebApplication();
        builder.AddNatakApi();
        builder.ConfigureDurableWorker().AddTasks(NatakTasks.Register);
        return builder;
    }
}
