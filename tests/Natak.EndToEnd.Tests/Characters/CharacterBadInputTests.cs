using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Natak.EndToEnd.Tests.Infrastructure;
using Natak.Tables.Credits;

namespace Natak.EndToEnd.Tests.Characters;

/// <summary>
/// Bad photos are refused before a job exists: 400 <c>validation_failed</c> naming the field (<c>imageUrls[2]</c>) and the
/// problem, no job, no credits held. Content is judged by bytes and sizes, in R2 for the caller's uploads and over
/// real HTTP for other servers.
/// </summary>
[Collection(CharacterCollection.Name)]
public sealed class CharacterBadInputTests(CharacterFixture fixture)
{
    [Fact]
    public async Task Three_images_are_refused_because_training_needs_four_to_thirty()
    {
        var (problem, _) = await RefuseAsync(photos => new { name = "Ana", imageUrls = photos.Take(3) });

        Assert.Contains("between 4 and 30 images (got 3)", Message(problem, "imageUrls"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plain_http_url_is_refused_naming_its_index()
    {
        var (problem, _) = await RefuseAsync(photos => new { name = "Ana", imageUrls = Replace(photos, 2, "http://photos.example.com/me.jpg") });

        Assert.Contains("https", Message(problem, "imageUrls[2]"), StringComparison.Ordinal);
        Assert.Single(problem["errors"]!.AsObject());
    }

    [Theory]
    [InlineData("https://10.0.0.7/me.jpg")]
    [InlineData("https://192.168.1.20/me.jpg")]
    [InlineData("https://169.254.169.254/latest/meta-data/")]
    [InlineData("https://[::1]/me.jpg")]
    public async Task A_private_or_metadata_address_is_refused_naming_its_index(string url)
    {
        var (problem, _) = await RefuseAsync(photos => new { name = "Ana", imageUrls = Replace(photos, 1, url) });

        Assert.Contains("address that may not be fetched", Message(problem, "imageUrls[1]"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_200_MB_file_on_another_server_is_refused_by_its_length_without_downloading_it()
    {
        var (problem, _) = await RefuseAsync(photos => new { name = "Ana", imageUrls = Replace(photos, 3, fixture.Photos.HugeUrl) });

        Assert.Contains("larger than 20 MB", Message(problem, "imageUrls[3]"), StringComparison.Ordinal);
        Assert.True(fixture.Photos.HugeRequests >= 1);
    }

    [Fact]
    public async Task An_uploaded_photo_larger_than_declared_and_over_the_limit_is_refused_naming_its_index()
    {
        var (problem, _) = await RefuseAsync(async (api, photos) =>
        {
            var big = new byte[21 * 1024 * 1024];
            Photos.Png(9).CopyTo(big, 0);
            var url = await CharacterClient.UploadAsync(api, "big.png", "image/png", big, declaredSize: 1000);
            return (object)new { name = "Ana", imageUrls = Replace(photos, 0, url) };
        });

        Assert.Contains("larger than 20 MB", Message(problem, "imageUrls[0]"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_text_file_renamed_jpg_is_refused_naming_its_index_whether_uploaded_or_on_another_server()
    {
        var (problem, _) = await RefuseAsync(async (api, photos) =>
        {
            var uploaded = await CharacterClient.UploadAsync(api, "holiday.jpg", "image/jpeg", Photos.Text());
            return (object)new { name = "Ana", imageUrls = Replace(Replace(photos, 1, uploaded), 3, fixture.Photos.TextAsJpegUrl) };
        });

        Assert.Contains("not an accepted photo", Message(problem, "imageUrls[1]"), StringComparison.Ordinal);
        Assert.Contains("not an accepted photo", Message(problem, "imageUrls[3]"), StringComparison.Ordinal);
        Assert.Equal(2, problem["errors"]!.AsObject().Count);
    }

    [Fact]
    public async Task Someone_elses_upload_is_refused_exactly_like_a_missing_one()
    {
        using var other = fixture.Api(Users.New("other"));
        var theirs = await CharacterClient.UploadAsync(other, "them.png", "image/png", Photos.Png(7));
        var ticket = await ApiClient.ReadObjectAsync(await other.PostJsonAsync("/api/uploads", new { fileName = "never.png", contentType = "image/png", size = 100 }));
        var neverUploaded = (string)ticket["url"]!;

        var (problem, _) = await RefuseAsync(photos => new { name = "Ana", imageUrls = Replace(Replace(photos, 0, theirs), 2, neverUploaded) });

        Assert.Contains("no uploaded file exists at this URL", Message(problem, "imageUrls[0]"), StringComparison.Ordinal);
        Assert.Equal(Message(problem, "imageUrls[0]"), Message(problem, "imageUrls[2]"));
    }

    [Fact]
    public async Task The_same_photo_twice_is_refused_naming_both_places()
    {
        var (problem, _) = await RefuseAsync(photos => new { name = "Ana", imageUrls = Replace(photos, 3, photos[1]) });

        Assert.Contains("same photo as imageUrls[1]", Message(problem, "imageUrls[3]"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quality_steps_trigger_word_and_the_choice_of_photos_or_zip_are_checked_naming_the_allowed_values()
    {
        var (problem, _) = await RefuseAsync(photos => new
        {
            name = "Ana",
            imageUrls = photos,
            imagesZipUrl = fixture.Photos.PhotoUrl(1),
            quality = "ultra",
            steps = 5000,
            triggerWord = "a b",
        });

        Assert.Contains("exactly one of imageUrls", Message(problem, "imageUrls"), StringComparison.Ordinal);
        Assert.Contains("fast, standard, high", Message(problem, "quality"), StringComparison.Ordinal);
        Assert.Contains("between 1000 and 2000", Message(problem, "steps"), StringComparison.Ordinal);
        Assert.Contains("must match", Message(problem, "triggerWord"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_zip_url_that_is_not_a_zip_is_refused()
    {
        var (problem, _) = await RefuseAsync(photos => new { name = "Ana", imagesZipUrl = fixture.Photos.PhotoUrl(3) });

        Assert.Contains("not an accepted zip archive", Message(problem, "imagesZipUrl"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_without_50_credits_is_refused_with_402_before_any_photo_is_fetched()
    {
        var user = Users.New("poor");
        await fixture.GrantAsync(user, 49);
        using var api = fixture.Api(user);
        var photos = await CharacterClient.UploadPhotosAsync(api, 4);
        var hugeRequests = fixture.Photos.HugeRequests;

        var (status, problem) = await CharacterClient.PostCharacterAsync(api, new { name = "Ana", imageUrls = Replace(photos, 0, fixture.Photos.HugeUrl) });

        Assert.Equal(HttpStatusCode.PaymentRequired, status);
        Assert.Equal("insufficient_credits", (string?)problem["code"]);
        Assert.Equal(50, (long)problem["required"]!);
        Assert.Equal(hugeRequests, fixture.Photos.HugeRequests);
        Assert.Empty((await ApiClient.ReadObjectAsync(await api.GetAsync("/api/jobs")))["items"]!.AsArray());
    }

    [Theory]
    [InlineData("text/plain", 1000L, "contentType", "image/jpeg")]
    [InlineData("application/zip", 1000L, "contentType", "video/mp4")]
    [InlineData("image/jpeg", 209715200L, "size", "between 1 and 104857600 bytes")]
    [InlineData("image/jpeg", 0L, "size", "between 1 and")]
    public async Task An_upload_must_be_an_image_or_video_within_the_size_cap(string contentType, long size, string field, string expected)
    {
        using var api = fixture.Api(Users.New("uploader"));

        var response = await api.PostJsonAsync("/api/uploads", new { fileName = "me.jpg", contentType, size });

        var problem = await ApiClient.ReadObjectAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("validation_failed", (string?)problem["code"]);
        Assert.Contains(expected, Message(problem, field), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_lands_in_the_callers_own_folder_under_a_safe_name_and_reads_back()
    {
        var user = Users.New("folder");
        using var api = fixture.Api(user);
        var bytes = Photos.Png(4);

        var url = await CharacterClient.UploadAsync(api, "../../etc/My Photo.PNG", "image/x-png", bytes);

        Assert.Contains($"/users/{user}/uploads/", url, StringComparison.Ordinal);
        Assert.EndsWith("My_Photo.PNG", new Uri(url).AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(bytes, await CharacterClient.DownloadAsync(url));
    }

    private static List<string> Replace(IReadOnlyList<string> photos, int index, string url)
    {
        var list = photos.ToList();
        list[index] = url;
        return list;
    }

    private static string Message(JsonObject problem, string field) =>
        string.Join(" | ", problem["errors"]?[field]?.AsArray().Select(m => (string?)m) ?? throw new Xunit.Sdk.XunitException($"no error for {field}: {problem.ToJsonString()}"));

    private Task<(JsonObject Problem, string User)> RefuseAsync(Func<IReadOnlyList<string>, object> build) =>
        RefuseAsync((_, photos) => Task.FromResult(build(photos)));

    /// <summary>Uploads four good photos, builds the request, posts it: must be a 400 with no job and no credits held.</summary>
    private async Task<(JsonObject Problem, string User)> RefuseAsync(Func<ApiClient, IReadOnlyList<string>, Task<object>> build)
    {
        var user = Users.New("ana");
        await fixture.GrantAsync(user, 50);
        using var api = fixture.Api(user);
        var photos = await CharacterClient.UploadPhotosAsync(api, 4);

        var (status, problem) = await CharacterClient.PostCharacterAsync(api, await build(api, photos));

        Assert.True(status == HttpStatusCode.BadRequest, problem.ToJsonString());
        Assert.Equal("validation_failed", (string?)problem["code"]);
        var jobs = await ApiClient.ReadObjectAsync(await api.GetAsync("/api/jobs"));
        Assert.Empty(jobs["items"]!.AsArray());
        var balance = await fixture.Host.Services.GetRequiredService<ICreditLedger>().GetBalanceAsync(user);
        Assert.Equal((50, 0), (balance.Available, balance.Reserved));
        return (problem, user);
    }
}
