using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using System.Web;

namespace Natak.Assets.Tests;

public sealed class AssetStoreTests(StorageFixture fixture) : IClassFixture<StorageFixture>
{
    private readonly IAssetStore _store = fixture.Store;

    [Fact]
    public async Task A_small_object_round_trips_byte_for_byte_in_a_single_put()
    {
        var bytes = TestFiles.Png(70_001);
        var key = AssetKeys.Job(StorageFixture.NewUser(), "img_1", "out.png");
        using var parts = fixture.CountParts();

        var stored = await _store.PutAsync(key, new MemoryStream(bytes), AssetContentTypes.Png);

        Assert.Equal(new StoredAsset(key, AssetContentTypes.Png, bytes.Length), stored);
        Assert.Equal((1, 0), (parts.Single, parts.Multipart));
        Assert.Equal(bytes, await ReadAllAsync(key));
        var head = await _store.HeadAsync(key);
        Assert.NotNull(head);
        Assert.Equal((bytes.LongLength, AssetContentTypes.Png), (head.Size, head.ContentType));
    }

    [Fact]
    public async Task An_object_larger_than_a_part_round_trips_byte_for_byte_through_multipart()
    {
        var bytes = TestFiles.Mp4(12 * TestFiles.MiB + 12_345);
        var key = AssetKeys.Job(StorageFixture.NewUser(), "vid_1", "video.mp4");
        using var parts = fixture.CountParts();

        // A non-seekable source, as a network stream would be.
        var stored = await _store.PutAsync(key, NonSeekable(bytes), AssetContentTypes.Mp4);

        Assert.Equal(new StoredAsset(key, AssetContentTypes.Mp4, bytes.Length), stored);
        Assert.Equal((0, 3), (parts.Single, parts.Multipart));
        Assert.Equal(bytes, await ReadAllAsync(key));
    }

    [Fact]
    public async Task An_object_of_exactly_one_part_round_trips()
    {
        var bytes = TestFiles.Jpeg(StorageFixture.PartSize);
        var key = AssetKeys.Job(StorageFixture.NewUser(), "img_2", "exact.jpg");

        var stored = await _store.PutAsync(key, NonSeekable(bytes), AssetContentTypes.Jpeg);

        Assert.Equal(bytes.LongLength, stored.Size);
        Assert.Equal(bytes, await ReadAllAsync(key));
    }

    [Fact]
    public async Task A_presigned_put_then_a_presigned_get_round_trip_bytes_over_plain_http()
    {
        var bytes = TestFiles.Jpeg(123_456);
        var key = AssetKeys.Upload(StorageFixture.NewUser(), "up1", "me 1.jpg");
        using var http = new HttpClient();

        var upload = await _store.GetUploadUrlAsync(key, AssetContentTypes.Jpeg, TimeSpan.FromMinutes(5));
        using var body = new ByteArrayContent(bytes);
        body.Headers.ContentType = new MediaTypeHeaderValue(AssetContentTypes.Jpeg);
        using var put = await http.PutAsync(upload.Url, body);
        Assert.True(put.IsSuccessStatusCode, $"PUT answered {(int)put.StatusCode}");

        var download = await _store.GetDownloadUrlAsync(key);
        var fetched = await http.GetByteArrayAsync(download.Url);

        Assert.Equal(bytes, fetched);
        Assert.Equal(bytes, await ReadAllAsync(key));
    }

    [Fact]
    public async Task A_presigned_put_url_signs_the_content_type_and_carries_the_requested_expiry()
    {
        var key = AssetKeys.Upload(StorageFixture.NewUser(), "up2", "clip.mp4");
        var before = DateTimeOffset.UtcNow;

        var upload = await _store.GetUploadUrlAsync(key, AssetContentTypes.Mp4, TimeSpan.FromMinutes(10));

        var query = HttpUtility.ParseQueryString(upload.Url.Query);
        Assert.Contains("content-type", (query["X-Amz-SignedHeaders"] ?? "").Split(';'));
        Assert.Equal("600", query["X-Amz-Expires"]);
        Assert.InRange(upload.ExpiresAt, before.AddMinutes(10).AddSeconds(-5), DateTimeOffset.UtcNow.AddMinutes(10).AddSeconds(5));
    }

    [Fact]
    public async Task A_presigned_url_may_live_exactly_seven_days()
    {
        var key = AssetKeys.Job(StorageFixture.NewUser(), "j", "a.png");

        var url = await _store.GetDownloadUrlAsync(key, TimeSpan.FromDays(7));

        Assert.Equal("604800", HttpUtility.ParseQueryString(url.Url.Query)["X-Amz-Expires"]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(604_801)]
    public async Task Presigned_lifetimes_outside_one_second_to_seven_days_are_refused(int seconds)
    {
        var key = AssetKeys.Job(StorageFixture.NewUser(), "j", "a.png");

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _store.GetDownloadUrlAsync(key, TimeSpan.FromSeconds(seconds)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _store.GetUploadUrlAsync(key, AssetContentTypes.Png, TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public async Task Reading_or_heading_a_missing_object_gives_null_and_deleting_it_is_harmless()
    {
        var key = AssetKeys.Job(StorageFixture.NewUser(), "j", "missing.png");

        Assert.Null(await _store.OpenReadAsync(key));
        Assert.Null(await _store.HeadAsync(key));
        await _store.DeleteAsync(key);
    }

    [Fact]
    public async Task Delete_removes_one_object()
    {
        var key = AssetKeys.Job(StorageFixture.NewUser(), "j", "gone.png");
        await _store.PutAsync(key, new MemoryStream(TestFiles.Png(100)), AssetContentTypes.Png);

        await _store.DeleteAsync(key);

        Assert.Null(await _store.HeadAsync(key));
    }

    [Fact]
    public async Task Delete_by_prefix_removes_exactly_that_prefix_across_several_pages()
    {
        var user = StorageFixture.NewUser();
        var doomed = AssetKeys.CharacterPrefix(user, "c1");
        var kept = new[]
        {
            AssetKeys.Character(user, "c10", "look-alike-prefix.png"),
            AssetKeys.Character(user, "c2", "other.png"),
            AssetKeys.Job(user, "c1", "same-id-other-kind.png"),
        };
        var doomedKeys = Enumerable.Range(0, 13).Select(i => $"{doomed}ref-{i:D2}.png").ToList();
        foreach (var key in doomedKeys.Concat(kept))
        {
            await _store.PutAsync(key, new MemoryStream(TestFiles.Png(64)), AssetContentTypes.Png);
        }

        var deleted = await _store.DeleteByPrefixAsync(doomed);

        Assert.Equal(13, deleted);
        Assert.Empty(await fixture.KeysAsync(doomed));
        Assert.Equal(kept.Order(StringComparer.Ordinal), await fixture.KeysAsync(AssetKeys.UserPrefix(user)));
    }

    [Fact]
    public async Task Listing_a_prefix_pages_through_every_key_in_order()
    {
        var prefix = AssetKeys.JobPrefix(StorageFixture.NewUser(), "j1");
        var keys = Enumerable.Range(0, 12).Select(i => $"{prefix}{i:D2}.png").ToList();
        foreach (var key in keys)
        {
            await _store.PutAsync(key, new MemoryStream(TestFiles.Png(10 + keys.IndexOf(key))), AssetContentTypes.Png);
        }

        var listed = new List<AssetInfo>();
        await foreach (var item in _store.ListAsync(prefix))
        {
            listed.Add(item);
        }

        Assert.Equal(keys, listed.Select(i => i.Key));
        Assert.Equal(Enumerable.Range(10, 12).Select(i => (long)i), listed.Select(i => i.Size));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("users")]
    [InlineData("users/../")]
    public async Task Prefix_operations_refuse_prefixes_that_are_not_a_folder(string prefix)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _store.DeleteByPrefixAsync(prefix));
    }

    [Fact]
    public async Task Our_own_presigned_get_url_is_recognised_and_yields_its_key()
    {
        var user = StorageFixture.NewUser();
        var key = AssetKeys.Upload(user, "up3", "Portrait (1).JPG");
        var url = (await _store.GetDownloadUrlAsync(key)).Url;

        Assert.True(_store.TryGetOwnKey(url, out var recognised));
        Assert.Equal(key, recognised);
        Assert.True(AssetKeys.BelongsToUser(recognised, user));
        Assert.False(AssetKeys.BelongsToUser(recognised, StorageFixture.NewUser()));
    }

    [Theory]
    [InlineData("https://example.com/natak-test/users/u1/a.png")]
    [InlineData("{s3}/other-bucket/users/u1/a.png")]
    [InlineData("{s3}/natak-test/users/u1/a%5Cb.png")]
    [InlineData("{s3}/natak-test/")]
    [InlineData("{s3}/natak-test-2/users/u1/a.png")]
    public void Urls_outside_our_endpoint_and_bucket_are_not_ours(string template)
    {
        var url = new Uri(template.Replace("{s3}", fixture.S3Url, StringComparison.Ordinal));

        Assert.False(_store.TryGetOwnKey(url, out var key));
        Assert.Null(key);
    }

    [Fact]
    public async Task Verify_accepts_a_real_upload_and_reports_the_sniffed_type()
    {
        var key = AssetKeys.Upload(StorageFixture.NewUser(), "up4", "a.jpg");
        await _store.PutAsync(key, new MemoryStream(TestFiles.Jpeg(5_000)), "image/jpg");

        var info = await _store.VerifyAsync(key, new FetchLimits(AssetContentTypes.Images, 10_000));

        Assert.NotNull(info);
        Assert.Equal((5_000L, AssetContentTypes.Jpeg), (info.Size, info.ContentType));
    }

    [Fact]
    public async Task Verify_rejects_a_text_file_uploaded_as_a_jpeg_and_an_upload_over_the_cap()
    {
        var user = StorageFixture.NewUser();
        var fake = AssetKeys.Upload(user, "up5", "photo.jpg");
        await _store.PutAsync(fake, new MemoryStream(TestFiles.Text(2_000)), AssetContentTypes.Jpeg);
        var big = AssetKeys.Upload(user, "up6", "big.jpg");
        await _store.PutAsync(big, new MemoryStream(TestFiles.Jpeg(20_000)), AssetContentTypes.Jpeg);

        var wrongType = await Assert.ThrowsAsync<SafeFetchException>(() => _store.VerifyAsync(fake, new FetchLimits(AssetContentTypes.Images, 10_000)));
        var tooLarge = await Assert.ThrowsAsync<SafeFetchException>(() => _store.VerifyAsync(big, new FetchLimits(AssetContentTypes.Images, 10_000)));

        Assert.Equal(SafeFetchErrorCodes.UnsupportedContentType, wrongType.Code);
        Assert.Equal(SafeFetchErrorCodes.TooLarge, tooLarge.Code);
        Assert.Null(await _store.VerifyAsync(AssetKeys.Upload(user, "up7", "none.jpg"), new FetchLimits(AssetContentTypes.Images, 10_000)));
    }

    [Theory]
    [InlineData("users/u1/../u2/a.png")]
    [InlineData("/users/u1/a.png")]
    [InlineData("users//a.png")]
    [InlineData("users\\u1\\a.png")]
    public async Task Store_operations_refuse_malformed_keys(string key)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _store.PutAsync(key, new MemoryStream([1]), AssetContentTypes.Png));
        await Assert.ThrowsAsync<ArgumentException>(() => _store.GetDownloadUrlAsync(key));
        await Assert.ThrowsAsync<ArgumentException>(() => _store.HeadAsync(key));
    }

    private async Task<byte[]> ReadAllAsync(string key)
    {
        await using var download = await _store.OpenReadAsync(key);
        Assert.NotNull(download);
        using var copy = new MemoryStream();
        await download.Content.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>A non-seekable stream with short reads, like a network stream.</summary>
    private static Stream NonSeekable(byte[] bytes) => PipeReader.Create(new MemoryStream(bytes)).AsStream();
}
