using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Natak.Core.Pricing;
using Natak.EndToEnd.Tests.Infrastructure;

namespace Natak.EndToEnd.Tests.Videos;

/// <summary>
/// Every model/resolution/duration/audio combination the catalogue does not offer — and every start-frame rule — is
/// a 400 that names the allowed values, before anything is reserved or any provider is called.
/// </summary>
[Collection(VideoHostCollection.Name)]
public sealed class VideoValidationTests(VideoHostFixture fixture)
{
    private static readonly string[] KnownResolutions = ["480p", "580p", "720p", "1080p", "1440p", "2160p", "4k"];

    [Fact]
    public async Task Every_disallowed_combination_is_a_400_naming_the_allowed_values_with_nothing_reserved_and_no_provider_call()
    {
        using var user = await VideoUser.CreateAsync(fixture, credits: 1000);
        var catalog = fixture.Host.Services.GetRequiredService<PricingCatalog>();
        var image = await user.StartFrameUrlAsync();
        var driving = await user.DrivingVideoUrlAsync();
        var cases = Cases(catalog, image, driving).ToList();
        Assert.True(cases.Count > 100, $"only {cases.Count} cases");

        foreach (var (body, field, mustName) in cases)
        {
            var response = await user.Api.PostJsonAsync("/api/videos", body);
            var problem = await ApiClient.ReadObjectAsync(response);
            var context = $"{body.ToJsonString()} → {(int)response.StatusCode} {problem.ToJsonString()}";
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, context);
            Assert.Equal("validation_failed", (string?)problem["code"]);
            var messages = problem["errors"]?[field]?.AsArray().Select(m => (string)m!).ToList();
            Assert.True(messages is { Count: > 0 }, $"no error on {field}: {context}");
            foreach (var value in mustName)
            {
                Assert.True(messages.Any(m => m.Contains(value, StringComparison.Ordinal)), $"{field} does not name '{value}': {context}");
            }
        }

        var balance = await user.BalanceAsync();
        Assert.Equal((1000L, 0L), (balance.Available, balance.Reserved));
        var jobs = await ApiClient.ReadObjectAsync(await user.Api.GetAsync("/api/jobs"));
        Assert.Empty(jobs["items"]!.AsArray());
        Assert.Empty(user.PaidCalls());
    }

    private static IEnumerable<(JsonObject Body, string Field, string[] MustName)> Cases(PricingCatalog catalog, string image, string driving)
    {
        var videos = catalog.ModelsOfKind(ModelKind.Video);
        yield return (Body("sora-2", image), "model", [.. videos.Select(m => m.Key)]);

        foreach (var model in videos)
        {
            var p = model.Parameters;
            var start = p.DrivingVideo ? "drivingVideoUrl" : "imageUrl";
            var source = p.DrivingVideo ? driving : image;
            foreach (var resolution in KnownResolutions.Except(p.Resolutions))
            {
                yield return (Body(model.Key, source, start).Set("resolution", resolution), "resolution", [.. p.Resolutions]);
            }

            if (p.Durations is { } durations)
            {
                var allowed = durations.Values.Count > 0 ? durations.Values.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray() : [$"{durations.Min}", $"{durations.Max}"];
                foreach (var seconds in new[] { 0, 3, 7, 9, 30 }.Where(s => !durations.Allows(s)))
                {
                    yield return (Body(model.Key, source, start).Set("durationSeconds", seconds), "durationSeconds", allowed);
                }

                foreach (var (resolution, max) in durations.MaxByResolution)
                {
                    yield return (Body(model.Key, source, start).Set("resolution", resolution).Set("durationSeconds", max + 1), "durationSeconds",
                        [$"{max}", resolution, .. p.Resolutions.Where(r => durations.Allows(max + 1, r))]);
                }
            }
            else
            {
                yield return (Body(model.Key, source, start).Set("durationSeconds", 5), "durationSeconds", ["drivingVideoUrl"]);
            }

            if (!p.Audio)
            {
                yield return (Body(model.Key, source, start).Set("audio", true), "audio", ["false", .. videos.Where(m => m.Parameters.Audio).Select(m => m.Key)]);
            }

            foreach (var rating in catalog.Ratings.Where(r => !model.Accepts(r)))
            {
                yield return (Body(model.Key, source, start).Set("rating", rating), "rating", [.. videos.Where(m => m.Accepts(rating)).Select(m => m.Key)]);
            }

            if (p.DrivingVideo)
            {
                yield return (Body(model.Key, null), "drivingVideoUrl", ["required"]);
            }
            else
            {
                yield return (Body(model.Key, image).Set("drivingVideoUrl", driving), "drivingVideoUrl", [.. videos.Where(m => m.Parameters.DrivingVideo).Select(m => m.Key)]);
                if (!p.TextToVideo)
                {
                    yield return (Body(model.Key, null), "imageUrl", ["characterId", .. videos.Where(m => m.Parameters.TextToVideo).Select(m => m.Key)]);
                }
            }
        }

        yield return (Body("ltx-2-fast", "ftp://example.com/a.png"), "imageUrl", ["https"]);
        yield return (Body("ltx-2-fast", image).Set("characterId", "chr_123"), "imageUrl", ["characterId"]);
        yield return (Body("ltx-2-fast", image).Set("duration", 6), "duration", ["allowed here:", "durationSeconds", "resolution", "audio"]);
        yield return (new JsonObject { ["model"] = "ltx-2-fast" }, "prompt", ["idea"]);
        yield return (Body("ltx-2-fast", image).Set("idea", "a walk"), "idea", ["prompt"]);
    }

    private static JsonObject Body(string model, string? source, string field = "imageUrl")
    {
        var body = new JsonObject { ["model"] = model, ["prompt"] = "a lighthouse in a storm" };
        if (source is not null)
        {
            body[field] = source;
        }

        return body;
    }
}

internal static class JsonBodies
{
    /// <summary>Sets a field and returns the object, so cases read as one expression.</summary>
    public static JsonObject Set(this JsonObject body, string field, JsonNode? value)
    {
        body[field] = value;
        return body;
    }
}
