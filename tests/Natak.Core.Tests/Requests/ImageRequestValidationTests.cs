using Natak.Core.Requests;
using static Natak.Core.Tests.Requests.Validation;

namespace Natak.Core.Tests.Requests;

public class ImageRequestValidationTests
{
    private static readonly ImageRequest Valid = new() { Prompt = "a cat on a sofa" };

    [Fact]
    public void The_worked_examples_are_valid()
    {
        AssertValid(Valid);
        AssertValid(Pricing.Requests.BasicImage());
        AssertValid(Pricing.Requests.PremiumImage() with { CharacterId = "chr_01JD3", Count = 8, Seed = 4294967295 });
    }

    [Fact]
    public void Prompt_and_idea_are_mutually_exclusive_and_one_is_required()
    {
        AssertRejected(Valid with { Idea = "cats" }, "idea", "give exactly one of prompt or idea");
        AssertRejected(Valid with { Prompt = "  " }, "prompt", "give exactly one of prompt or idea");
    }

    [Fact]
    public void Prompt_and_idea_lengths_are_bounded()
    {
        AssertRejected(Valid with { Prompt = new string('a', 2001) }, "prompt", "must be at most 2000 characters (got 2001)");
        AssertRejected(new ImageRequest { Idea = new string('a', 1001) }, "idea", "must be at most 1000 characters (got 1001)");
    }

    [Fact]
    public void An_unknown_model_names_the_image_models()
    {
        AssertRejected(Valid with { Model = "flux-9" }, "model", "must be one of: z-image-turbo, pony-realism, nano-banana-pro (got 'flux-9')");
        AssertRejected(Valid with { Model = "ltx-2-fast" }, "model", "must be one of: z-image-turbo, pony-realism, nano-banana-pro (got 'ltx-2-fast')");
    }

    [Fact]
    public void A_rating_the_model_refuses_names_the_models_that_accept_it()
    {
        AssertRejected(Valid with { Model = "nano-banana-pro", Rating = "nsfw" }, "rating",
            "'nsfw' is not accepted by nano-banana-pro; models that accept nsfw: z-image-turbo, pony-realism");
        AssertRejected(Valid with { Rating = "r18" }, "rating", "must be one of: sfw, nsfw (got 'r18')");
        AssertValid(Valid with { Model = "pony-realism", Rating = "nsfw" });
    }

    [Fact]
    public void Sizes_are_bounded_per_model()
    {
        AssertRejected(Valid with { Width = 500, Height = 1024 }, "width", "must be between 512 and 2048 and a multiple of 16 for z-image-turbo (got 500)");
        AssertRejected(Valid with { Width = 1024, Height = 1000 }, "height", "must be between 512 and 2048 and a multiple of 16 for z-image-turbo (got 1000)");
        AssertRejected(Valid with { Model = "pony-realism", Width = 2048, Height = 1024 }, "width", "must be between 512 and 1536 and a multiple of 8 for pony-realism (got 2048)");
        AssertRejected(Valid with { Model = "nano-banana-pro", Width = 1000, Height = 1000 }, "width",
            "width x height must be one of: 1024x1024, 1024x768, 768x1024, 1024x576, 576x1024 for nano-banana-pro (got 1000x1000)");
        AssertRejected(Valid with { Width = 1024 }, "height", "give width and height together");
        AssertValid(Valid with { Model = "nano-banana-pro", Width = 576, Height = 1024 });
    }

    [Fact]
    public void Count_seed_and_upscale_are_bounded()
    {
        AssertRejected(Valid with { Count = 0 }, "count", "must be between 1 and 8 for z-image-turbo (got 0)");
        AssertRejected(Valid with { Model = "nano-banana-pro", Count = 5 }, "count", "must be between 1 and 4 for nano-banana-pro (got 5)");
        AssertRejected(Valid with { Seed = -1 }, "seed", "must be between 0 and 4294967295 (got -1)");
        AssertRejected(Valid with { Seed = 4294967296 }, "seed", "must be between 0 and 4294967295 (got 4294967296)");
        AssertRejected(Valid with { Upscale = 3 }, "upscale", "must be one of: 2, 4, 5 (got 3)");
    }

    [Fact]
    public void Control_needs_a_model_with_controlnet_exactly_one_map_and_an_image()
    {
        var control = new ControlOptions { ImageUrl = "https://img.example.com/pose.jpg", Pose = true };
        AssertValid(Valid with { Control = control });
        AssertRejected(Valid with { Model = "pony-realism", Control = control }, "control", "is supported only by: z-image-turbo");
        AssertRejected(Valid with { Control = control with { Depth = true } }, "control", "set exactly one of pose or depth: the ControlNet takes one control image");
        AssertRejected(Valid with { Control = control with { Pose = false } }, "control", "set exactly one of pose or depth: the ControlNet takes one control image");
        AssertRejected(Valid with { Control = control with { ImageUrl = null } }, "control.imageUrl", "is required (an absolute https URL)");
        AssertRejected(Valid with { Control = control, SourceImageUrl = "https://img.example.com/me.jpg" }, "control",
            "cannot be combined with sourceImageUrl: control maps guide generation, and an edit generates nothing");
    }

    [Fact]
    public void An_outfit_needs_a_description()
    {
        AssertRejected(Valid with { Outfit = new OutfitOptions() }, "outfit.description", "is required (1–500 characters)");
        AssertRejected(Valid with { Outfit = new OutfitOptions { Description = "dress", Segment = new string('s', 101) } }, "outfit.segment",
            "must be at most 100 characters (got 101)");
    }

    [Fact]
    public void A_character_needs_a_model_that_takes_a_lora()
    {
        AssertRejected(Valid with { Model = "nano-banana-pro", CharacterId = "chr_1" }, "characterId",
            "nano-banana-pro takes no LoRA; models that apply a character: z-image-turbo, pony-realism");
        AssertRejected(Valid with { CharacterId = "chr 1/.." }, "characterId", "must be 1–128 letters, digits, '_' or '-'");
        AssertRejected(Valid with { CharacterId = "chr_1", SourceImageUrl = "https://img.example.com/me.jpg" }, "characterId",
            "an edit without outfit is refined by z-image-refine, which takes no LoRA: give outfit or leave characterId out");
    }

    [Fact]
    public void Source_image_urls_must_be_https()
    {
        AssertRejected(Valid with { SourceImageUrl = "http://img.example.com/me.jpg" }, "sourceImageUrl", "must be an absolute https URL");
    }

    [Fact]
    public void An_edit_refuses_the_fields_it_would_ignore()
    {
        var edit = Valid with { SourceImageUrl = "https://img.example.com/me.jpg" };
        AssertValid(edit with { Upscale = 2, Count = 2 });
        AssertRejected(edit with { Model = "pony-realism" }, "model", "an edit of sourceImageUrl is made by z-image-refine, not by an image model: leave model out");
        AssertRejected(edit with { Width = 1024, Height = 1024 }, "width", "an edit keeps the size of sourceImageUrl: leave width and height out (upscale enlarges it)");
        AssertRejected(edit with { Width = 1024, Height = 1024 }, "height", "an edit keeps the size of sourceImageUrl: leave width and height out (upscale enlarges it)");
        AssertRejected(edit with { Seed = 7 }, "seed", "an edit of sourceImageUrl is made by z-image-refine, which takes no seed: leave seed out");
        AssertRejected(edit with { Prompt = null, Outfit = new OutfitOptions { Description = "a navy suit" }, Seed = 7 }, "seed",
            "an edit of sourceImageUrl is made by z-image-inpaint, which takes no seed: leave seed out");
    }

    [Fact]
    public void An_outfit_change_of_a_source_image_takes_no_prompt_or_idea()
    {
        var change = new ImageRequest { SourceImageUrl = "https://img.example.com/me.jpg", Outfit = new OutfitOptions { Description = "a navy suit" } };
        AssertValid(change);
        AssertValid(change with { CharacterId = "chr_1", Upscale = 4 });
        AssertRejected(change with { Prompt = "a man" }, "prompt",
            "is not used by an outfit change of sourceImageUrl (the inpainting prompt is outfit.description): leave it out");
        AssertRejected(change with { Idea = "a man" }, "idea",
            "is not used by an outfit change of sourceImageUrl (the inpainting prompt is outfit.description): leave it out");
    }

    [Fact]
    public void A_seed_needs_a_model_that_takes_one()
    {
        AssertRejected(Valid with { Model = "nano-banana-pro", Seed = 7 }, "seed", "nano-banana-pro takes no seed; models that do: z-image-turbo, pony-realism");
        AssertValid(Valid with { Model = "pony-realism", Seed = 7 });
    }
}
