using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Natak.Core.Pricing;
using Natak.Orchestrations.Pipelines;

namespace Natak.Orchestrations.Tests;

/// <summary>The training wait's settings (<c>Pipelines:Timings:Training</c>): bound from configuration, checked at start-up.</summary>
public sealed class TrainingTimingTests
{
    [Fact]
    public void The_training_deadline_alone_can_be_configured_keeping_the_default_poll_intervals()
    {
        var timings = Bind(new() { ["Pipelines:Timings:Training:Deadline"] = "00:45:00" });

        var training = timings.For(ModelKind.Training);
        Assert.Equal(TimeSpan.FromMinutes(45), training.Deadline);
        Assert.Equal(TimeSpan.FromSeconds(60), training.FirstPoll);
        Assert.Equal(TimeSpan.FromSeconds(120), training.MaxPoll);
    }

    [Theory]
    [InlineData("00:00:00.500", "00:02:00", "00:30:00", "FirstPoll must be at least 1 second")]
    [InlineData("00:01:00", "00:00:30", "00:30:00", "MaxPoll must not be shorter than FirstPoll")]
    [InlineData("00:01:00", "00:02:00", "00:00:30", "Deadline must be longer than FirstPoll")]
    public void Training_timings_a_durable_timer_cannot_honour_stop_the_host_at_start_up(string firstPoll, string maxPoll, string deadline, string expected)
    {
        var services = Services(new()
        {
            ["Pipelines:Timings:Training:FirstPoll"] = firstPoll,
            ["Pipelines:Timings:Training:MaxPoll"] = maxPoll,
            ["Pipelines:Timings:Training:Deadline"] = deadline,
        });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<PipelineTimingOptions>>().Value);

        Assert.Contains("Pipelines:Timings:Training:" + expected, failure.Message, StringComparison.Ordinal);
    }

    private static PipelineTimingOptions Bind(Dictionary<string, string?> settings) =>
        Services(settings).GetRequiredService<IOptions<PipelineTimingOptions>>().Value;

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(PricingCatalog.LoadDefault());
        services.AddOptions<PipelineTimingOptions>().BindConfiguration(PipelineTimingOptions.SectionName);
        services.AddSingleton<IValidateOptions<PipelineTimingOptions>, PipelineTimingOptionsValidator>();
        return services.BuildServiceProvider();
    }
}
