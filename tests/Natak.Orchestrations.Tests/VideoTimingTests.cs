using Natak.Core.Pricing;
using Natak.Orchestrations.Pipelines;

namespace Natak.Orchestrations.Tests;

/// <summary>Per-model waits (<c>Pipelines:Timings:Models</c>): how keys match, what an override changes, what start-up refuses.</summary>
public sealed class VideoTimingTests
{
    private static readonly PricingCatalog Catalog = PricingCatalog.LoadDefault();

    [Fact]
    public void A_model_override_changes_only_that_models_steps_and_only_the_parts_it_sets()
    {
        var options = new PipelineTimingOptions { Models = { ["veo-3"] = new StepWaitOverride { Deadline = TimeSpan.FromMinutes(45) } } };
        var snapshot = PipelineTimingOptionsSnapshot.From(options);

        Assert.Equal(options.Video with { Deadline = TimeSpan.FromMinutes(45) }, snapshot.For(ModelKind.Video, "veo-3"));
        Assert.Equal(options.Video, snapshot.For(ModelKind.Video, "veo-3-fast"));
        Assert.Equal(options.Image, snapshot.For(ModelKind.Image, "z-image-turbo"));
        Assert.Equal(options.Video, snapshot.For(ModelKind.Video));
    }

    [Fact]
    public void A_steps_wait_follows_its_models_kind_training_video_or_else_image()
    {
        var options = new PipelineTimingOptions();

        Assert.All(Enum.GetValues<ModelKind>(), kind => Assert.Equal(
            kind switch { ModelKind.Training => options.Training, ModelKind.Video => options.Video, _ => options.Image },
            options.For(kind)));
        Assert.NotEqual(options.Image, options.Video);
        Assert.NotEqual(options.Image, options.Training);
    }

    [Theory]
    [InlineData("kling-2.6-pro")]
    [InlineData("kling_2_6_pro")]
    [InlineData("KLING_2_6_PRO")]
    public void A_model_key_matches_in_its_catalogue_and_its_app_setting_spelling(string key)
    {
        var options = new PipelineTimingOptions { Models = { [key] = new StepWaitOverride { FirstPoll = TimeSpan.FromSeconds(7) } } };

        Assert.Equal(TimeSpan.FromSeconds(7), PipelineTimingOptionsSnapshot.From(options).For(ModelKind.Video, "kling-2.6-pro").FirstPoll);
        Assert.True(new PipelineTimingOptionsValidator(Catalog).Validate(null, options).Succeeded);
    }

    [Fact]
    public void Start_up_refuses_an_override_for_no_catalogue_model_and_a_wait_that_cannot_work()
    {
        var options = new PipelineTimingOptions
        {
            Models =
            {
                ["kling-9"] = new StepWaitOverride { Deadline = TimeSpan.FromMinutes(5) },
                ["veo-3"] = new StepWaitOverride { MaxPoll = TimeSpan.FromSeconds(5) },
                ["wan-2.5"] = new StepWaitOverride { Deadline = TimeSpan.FromMinutes(5) },
                ["wan_2_5"] = new StepWaitOverride { Deadline = TimeSpan.FromMinutes(6) },
            },
            Image = new StepWait(TimeSpan.Zero, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1)),
        };

        var result = new PipelineTimingOptionsValidator(Catalog).Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures.ToList();
        Assert.Equal(4, failures.Count);
        Assert.StartsWith("Pipelines:Timings:Image:FirstPoll must be at least 1 second", failures[0], StringComparison.Ordinal);
        Assert.Equal("Pipelines:Timings:Models: wan-2.5 and wan_2_5 name the same model; keep one.", failures[1]);
        Assert.Equal("Pipelines:Timings:Models:kling-9 names no catalogue model.", failures[2]);
        Assert.StartsWith("Pipelines:Timings:Models:veo-3:MaxPoll must not be shorter than FirstPoll", failures[3], StringComparison.Ordinal);
    }
}
