using Natak.EndToEnd.Tests.Infrastructure;

namespace Natak.EndToEnd.Tests.Images;

/// <summary>While an image job runs, the jobs API shows which step it is on and how many of its steps are done.</summary>
[Collection(ImagesCollection.Name)]
public sealed class ImageProgressTests(ImagesHostFixture fixture)
{
    private const string Upscaler = "fal-ai/seedvr/upscale/image";
    private readonly ImageHarness _harness = new(fixture);

    [Fact]
    public async Task A_running_job_shows_its_current_step_and_the_steps_done_out_of_all()
    {
        var (_, api) = await _harness.NewUserAsync(credits: 10);
        using var _ = api;
        using (_harness.Fixture.SlowModel(Upscaler, TimeSpan.FromSeconds(4)))
        {
            var jobId = await Jobs.StartAsync(api, "/api/images", new { prompt = "a tram in the rain", outfit = new { description = "yellow raincoat" }, upscale = 2 });

            var running = await ImageHarness.EventuallyAsync(
                async () => await ApiClient.ReadObjectAsync(await api.GetAsync("/api/jobs/" + jobId)),
                j => ((string?)j["progress"]?["step"])?.StartsWith("upscale", StringComparison.Ordinal) == true || (string?)j["status"] is not ("running" or "queued"),
                "the upscale step");
            Assert.Equal("running", (string?)running["status"]);
            Assert.Equal(3, (int)running["progress"]!["completedSteps"]!); // generate, segment, inpaint
            Assert.Equal(4, (int)running["progress"]!["totalSteps"]!);
            Assert.Equal(("Upscaling the image", 75), ((string?)running["progress"]!["label"], (int)running["progress"]!["percent"]!));
            Assert.Equal(2, (long)running["credits"]!["reserved"]!);
            Assert.Equal(0, (long)running["credits"]!["charged"]!);
            Assert.Null(running["result"]);

            var done = await Jobs.WaitForTerminalAsync(api, jobId);
            Assert.Equal("succeeded", (string?)done["status"]);
            Assert.Equal(4, (int)done["progress"]!["completedSteps"]!);
            Assert.Equal(("Done", 100), ((string?)done["progress"]!["label"], (int)done["progress"]!["percent"]!));
        }
    }
}
