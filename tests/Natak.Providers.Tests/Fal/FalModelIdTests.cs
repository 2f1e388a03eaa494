using Natak.Providers.Fal;

namespace Natak.Providers.Tests.Fal;

public class FalModelIdTests
{
    [Theory]
    [InlineData("fal-ai/kling-video/v2.6/pro/image-to-video", null, "fal-ai", "kling-video", "v2.6/pro/image-to-video", "fal-ai/kling-video")]
    [InlineData("fal-ai/imageutils/depth", null, "fal-ai", "imageutils", "depth", "fal-ai/imageutils")]
    [InlineData("fal-ai/nano-banana-pro", null, "fal-ai", "nano-banana-pro", null, "fal-ai/nano-banana-pro")]
    [InlineData("wan/v2.6/image-to-video", null, "wan", "v2.6", "image-to-video", "wan/v2.6")]
    [InlineData("workflows/natak/character-pipeline", "workflows", "natak", "character-pipeline", null, "workflows/natak/character-pipeline")]
    [InlineData("comfy/natak/upscale/x4", "comfy", "natak", "upscale", "x4", "comfy/natak/upscale")]
    public void Parse_splits_namespace_owner_app_and_path(string id, string? ns, string owner, string app, string? path, string queueApp)
    {
        var model = FalModelId.Parse(id);

        Assert.Equal(ns, model.Namespace);
        Assert.Equal(owner, model.Owner);
        Assert.Equal(app, model.App);
        Assert.Equal(path, model.Path);
        Assert.Equal(queueApp, model.QueueApp);
        Assert.Equal(id, model.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("fal-ai")]
    [InlineData("workflows/natak")]
    [InlineData("fal-ai//depth")]
    [InlineData("fal-ai/../secrets")]
    [InlineData("fal-ai/flux?x=1")]
    [InlineData("fal ai/flux")]
    public void Parse_rejects_ids_that_are_not_owner_app(string id)
    {
        Assert.False(FalModelId.TryParse(id, null, out _));
        Assert.Throws<FormatException>(() => FalModelId.Parse(id));
    }
}
