using Natak.Core.Requests;
using static Natak.Core.Tests.Requests.Validation;

namespace Natak.Core.Tests.Requests;

public class CharacterRequestValidationTests
{
    private static readonly CharacterRequest Valid = Pricing.Requests.NewCharacter();

    [Fact]
    public void The_worked_example_is_valid()
    {
        AssertValid(Valid);
        AssertValid(new CharacterRequest { Name = "Maya", ImagesZipUrl = "https://uploads.example.com/maya.zip", TriggerWord = "MAYA_01", Steps = 2000 });
    }

    [Fact]
    public void A_name_is_required_and_bounded()
    {
        AssertRejected(Valid with { Name = null }, "name", "is required (1–64 characters)");
        AssertRejected(Valid with { Name = new string('n', 65) }, "name", "must be at most 64 characters (got 65)");
        AssertRejected(Valid with { Name = "Maya\u0000" }, "name", "must not contain control characters");
    }

    [Fact]
    public void Exactly_one_of_image_urls_or_a_zip_is_required()
    {
        AssertRejected(Valid with { ImagesZipUrl = "https://uploads.example.com/maya.zip" }, "imageUrls", "give exactly one of imageUrls (4–30 images) or imagesZipUrl");
        AssertRejected(Valid with { ImageUrls = null }, "imageUrls", "give exactly one of imageUrls (4–30 images) or imagesZipUrl");
    }

    [Fact]
    public void Four_to_thirty_photos_are_accepted()
    {
        AssertRejected(Valid with { ImageUrls = [.. Valid.ImageUrls!.Take(3)] }, "imageUrls", "must be between 4 and 30 images (got 3)");
        var many = Enumerable.Range(0, 31).Select(i => $"https://uploads.example.com/{i}.jpg").ToList();
        AssertRejected(Valid with { ImageUrls = many }, "imageUrls", "must be between 4 and 30 images (got 31)");
        AssertValid(Valid with { ImageUrls = many[..30] });
    }

    [Fact]
    public void Each_photo_url_is_checked_at_its_index()
    {
        AssertRejected(Valid with { ImageUrls = ["https://a.example/1.jpg", "https://a.example/2.jpg", "http://a.example/3.jpg", "https://a.example/4.jpg"] },
            "imageUrls[2]", "must be an absolute https URL");
        AssertRejected(Valid with { ImageUrls = null, ImagesZipUrl = "s3://bucket/maya.zip" }, "imagesZipUrl", "must be an absolute https URL");
    }

    [Fact]
    public void Quality_and_steps_are_bounded_by_the_catalogue()
    {
        AssertRejected(Valid with { Quality = "ultra" }, "quality", "must be one of: fast, standard, high (got 'ultra')");
        AssertRejected(Valid with { Steps = 999 }, "steps", "must be between 1000 and 2000 (got 999)");
        AssertRejected(Valid with { Steps = 2001 }, "steps", "must be between 1000 and 2000 (got 2001)");
    }

    [Fact]
    public void The_trigger_word_must_match_the_catalogue_pattern()
    {
        AssertRejected(Valid with { TriggerWord = "1maya" }, "triggerWord", "must match ^[A-Za-z][A-Za-z0-9_]{1,31}$, e.g. MAYA (got '1maya')");
        AssertRejected(Valid with { TriggerWord = "maya lin" }, "triggerWord", "must match ^[A-Za-z][A-Za-z0-9_]{1,31}$, e.g. MAYA (got 'maya lin')");
        AssertRejected(Valid with { Name = "李娜" }, "triggerWord", "is required: the name gives no trigger word matching ^[A-Za-z][A-Za-z0-9_]{1,31}$");
    }
}
