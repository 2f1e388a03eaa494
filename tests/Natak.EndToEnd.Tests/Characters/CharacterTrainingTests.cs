using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Natak.Assets;
using Natak.EndToEnd.Tests.Infrastructure;
using Natak.Simulator;
using Natak.Tables.Credits;
using Natak.Tables.Spend;
using Xunit.Abstractions;

namespace Natak.EndToEnd.Tests.Characters;

/// <summary>
/// Issue 6's acceptance, end to end on the dev host (Azurite, s3rver, the provider simulator over real HTTP):
/// train a character from uploaded photos, read it, use it, delete it; training failure, dropped webhooks and cancel.
/// </summary>
[Collection(CharacterCollection.Name)]
public sealed class CharacterTrainingTests(CharacterFixture fixture, ITestOutputHelper output) : IDisposable
{
    private const string TrainingModel = "fal-ai/flux-lora-fast-training";
    private const string ReferenceModel = "fal-ai/z-image/turbo/lora";

    private IAssetStore Assets => fixture.Host.Services.GetRequiredService<IAssetStore>();

    private ICreditLedger Ledger => fixture.Host.Services.GetRequiredService<ICreditLedger>();

    public void Dispose()
    {
        fixture.Simulator.Control.ClearFaults();
        fixture.Simulator.Control.SetModelLatency(TrainingModel, null);
        fixture.Simulator.Control.SetModelLatency(ReferenceModel, null);
    }

    [Fact]
    public async Task Five_uploaded_photos_train_a_character_with_its_LoRA_and_four_reference_images_for_50_credits_charged_once()
    {
        var user = Users.New("maya");
        await fixture.GrantAsync(user, 120);
        using var api = fixture.Api(user);
        var photos = await CharacterClient.UploadPhotosAsync(api, 5);
        fixture.Simulator.Control.SetModelLatency(ReferenceModel, TimeSpan.FromSeconds(3));

        var jobId = await Jobs.StartAsync(api, "/api/characters", new { name = "Maya", imageUrls = photos, quality = "fast" });
        var job = await Jobs.WaitForTerminalAsync(api, jobId);

        Assert.True((string?)job["status"] == "succeeded", job.ToJsonString());
        var result = job["result"]!.AsObject();
        var characterId = (string)result["characterId"]!;
        Assert.Equal("Maya", (string?)result["name"]);
        Assert.Equal("MAYA", (string?)result["triggerWord"]);

        // The files are in s3rver, in the character's folder: the LoRA weights, their config, four PNGs and the training zip.
        var keys = await ListAsync(AssetKeys.CharacterPrefix(user, characterId));
        Assert.Single(keys, k => k.EndsWith(".safetensors", StringComparison.Ordinal));
        Assert.Equal(4, keys.Count(k => k.Contains("reference-", StringComparison.Ordinal) && k.EndsWith(".png", StringComparison.Ordinal)));
        Assert.Single(keys, k => k.EndsWith("training-images.zip", StringComparison.Ordinal));
        Assert.Single(keys, k => k.EndsWith("train-config.json", StringComparison.Ordinal));
        var lora = await CharacterClient.DownloadAsync((string)result["lora"]!["url"]!);
        Assert.Equal((byte)'{', lora[8]);
        var references = result["referenceImages"]!.AsArray();
        Assert.Equal(4, references.Count);
        foreach (var reference in references)
        {
            Assert.Equal(1024, (int)reference!["width"]!);
            var png = await CharacterClient.DownloadAsync((string)reference["url"]!);
            Assert.Equal([0x89, 0x50, 0x4E, 0x47], png[..4]);
        }

        // 50 credits per 1000 steps, captured once; the spend is cost-breakdown example 1 (training $2.00 + 4 × $0.008389).
        Assert.Equal(50, (long)job["credits"]!["charged"]!);
        Assert.Equal(70, (await Ledger.GetBalanceAsync(user)).Available);
        var journal = await Ledger.GetEntriesAsync(user, 50);
        Assert.Single(journal.Entries, e => e.Kind == JournalKind.Capture);
        var spend = await fixture.Host.Services.GetRequiredService<SpendStore>().GetJobAsync(jobId);
        var providerSpend = spend.Where(s => s.Provider != "natak").ToList();
        Assert.Equal(5, providerSpend.Count);
        Assert.Equal(2.00m, providerSpend.Single(s => s.Step == "train").CostUsd);
        var total = providerSpend.Sum(s => s.CostUsd);
        Assert.InRange(total, 2.03m, 2.05m);
        Assert.Equal(50, spend.Single(s => s.Step == "charge").CreditsCharged);
        output.WriteLine($"recorded provider spend for {jobId}: ${total} ({string.Join(", ", providerSpend.Select(s => $"{s.Step} {s.CostUsd}"))})");

        // The training saw the five photos, with the trigger word and the steps of "fast".
        var submit = TrainingSubmitOf(characterId);
        Assert.Equal("MAYA", submit.Input!.Value.GetProperty("trigger_word").GetString());
        Assert.Equal(1000, submit.Input!.Value.GetProperty("steps").GetInt32());

        // The four reference images fan out: each was submitted before any of them finished (3 s each).
        var referenceSubmits = fixture.Simulator.Control.Calls(SimulatorProvider.Fal, SimulatorOperation.Submit)
            .Where(c => c.Model == ReferenceModel && c.Input?.ToString() is { } input && input.Contains(characterId, StringComparison.Ordinal)).ToList();
        Assert.Equal(4, referenceSubmits.Count);
        var firstDone = fixture.Simulator.Control.Calls(SimulatorProvider.Fal, SimulatorOperation.Webhook)
            .Where(c => referenceSubmits.Exists(s => s.RequestId == c.RequestId)).Min(c => c.At);
        Assert.All(referenceSubmits, s => Assert.True(s.At < firstDone, $"reference submitted at {s.At:O}, after one finished at {firstDone:O}"));

        // The characters API shows it, newest first, with fresh URLs and the job that made it.
        var one = await ApiClient.ReadObjectAsync(await api.GetAsync("/api/characters/" + characterId));
        Assert.Equal(jobId, (string?)one["jobId"]);
        Assert.Equal(1000, (int)one["trainingSteps"]!);
        Assert.Equal(lora, await CharacterClient.DownloadAsync((string)one["lora"]!["url"]!));
        Assert.Equal(4, one["referenceImages"]!.AsArray().Count);
        var list = await ApiClient.ReadObjectAsync(await api.GetAsync("/api/characters"));
        Assert.Equal(characterId, (string?)list["characters"]![0]!["characterId"]);
    }

    [Fact]
    public async Task A_character_trained_from_photos_on_other_servers_can_be_used_and_once_deleted_loses_its_files_and_cannot_be_used()
    {
        var user = Users.New("theo");
        await fixture.GrantAsync(user, 100);
        using var api = fixture.Api(user);
        var photos = Enumerable.Range(10, 4).Select(fixture.Photos.PhotoUrl).ToList();
        var jobId = await Jobs.StartAsync(api, "/api/characters", new { name = "Theo", imageUrls = photos, triggerWord = "THEO_X" });
        var job = await Jobs.WaitForTerminalAsync(api, jobId);
        Assert.True((string?)job["status"] == "succeeded", job.ToJsonString());
        var characterId = (string)job["result"]!["characterId"]!;
        var prefix = AssetKeys.CharacterPrefix(user, characterId);

        // Another user can neither see nor delete it.
        using var stranger = fixture.Api(Users.New("stranger"));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync("/api/characters/" + characterId)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.DeleteAsync("/api/characters/" + characterId)).StatusCode);

        // Its owner can order an image with it: the LoRA from the character's folder is sent to the provider.
        var imageJob = await Jobs.StartAsync(api, "/api/images", new { prompt = "on a beach", characterId });
        Assert.Equal("succeeded", (string?)(await Jobs.WaitForTerminalAsync(api, imageJob))["status"]);
        Assert.Contains(fixture.Simulator.Control.Calls(SimulatorProvider.Fal, SimulatorOperation.Submit),
            c => c.Input?.ToString() is { } input && input.Contains(characterId, StringComparison.Ordinal) && input.Contains("THEO_X, on a beach", StringComparison.Ordinal));

        var deleted = await api.Http.DeleteAsync("/api/characters/" + characterId);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(await ListAsync(prefix));
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/characters/" + characterId)).StatusCode);
        Assert.Empty((await ApiClient.ReadObjectAsync(await api.GetAsync("/api/characters")))["characters"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await api.Http.DeleteAsync("/api/characters/" + characterId)).StatusCode);
        var before = await Ledger.GetBalanceAsync(user);
        var refused = await api.PostJsonAsync("/api/images", new { prompt = "on a beach", characterId });
        var problem = await ApiClient.ReadObjectAsync(refused);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.NotNull(problem["errors"]!["characterId"]);
        Assert.Equal(before, await Ledger.GetBalanceAsync(user));
    }

    [Fact]
    public async Task Retrying_a_start_with_the_same_Idempotency_Key_returns_the_same_job_and_trains_one_character()
    {
        var user = Users.New("retry");
        await fixture.GrantAsync(user, 200);
        using var api = fixture.Api(user);
        var body = new { name = "Rui", imageUrls = await CharacterClient.UploadPhotosAsync(api, 4) };

        var first = await api.PostJsonAsync("/api/characters", body, idempotencyKey: "create-rui");
        var again = await api.PostJsonAsync("/api/characters", body, idempotencyKey: "create-rui");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var jobId = (string)(await ApiClient.ReadObjectAsync(first))["jobId"]!;
        Assert.Equal(jobId, (string?)(await ApiClient.ReadObjectAsync(again))["jobId"]);
        Assert.Equal("succeeded", (string?)(await Jobs.WaitForTerminalAsync(api, jobId))["status"]);
        var characters = (await ApiClient.ReadObjectAsync(await api.GetAsync("/api/characters")))["characters"]!.AsArray();
        Assert.Equal(CharacterIdOf(jobId), (string?)Assert.Single(characters)!["characterId"]);
        Assert.Single(fixture.Simulator.Control.Calls(SimulatorProvider.Fal, SimulatorOperation.Submit),
            c => c.Model == TrainingModel && c.Input?.ToString() is { } input && input.Contains(CharacterIdOf(jobId), StringComparison.Ordinal));
        Assert.Equal(150, (await Ledger.GetBalanceAsync(user)).Available);
    }

    [Fact]
    public async Task A_zip_of_photos_is_handed_to_fal_as_given_and_trains_a_character()
    {
        var user = Users.New("zoe");
        await fixture.GrantAsync(user, 100);
        using var api = fixture.Api(user);

        var jobId = await Jobs.StartAsync(api, "/api/characters", new { name = "Zoe", imagesZipUrl = fixture.Photos.ZipUrl(4), steps = 2000 });
        var job = await Jobs.WaitForTerminalAsync(api, jobId);

        Assert.True((string?)job["status"] == "succeeded", job.ToJsonString());
        var submit = SubmitOfStep(jobId, "train");
        Assert.Equal(fixture.Photos.ZipUrl(4), submit.Input!.Value.GetProperty("images_data_url").GetString());
        Assert.Equal(2000, submit.Input!.Value.GetProperty("steps").GetInt32());
        Assert.Equal(100, (long)job["credits"]!["charged"]!);
        Assert.Equal(4, job["result"]!["referenceImages"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_zip_with_three_photos_is_refused_by_fal_and_the_job_fails_without_charge()
    {
        var user = Users.New("zack");
        await fixture.GrantAsync(user, 50);
        using var api = fixture.Api(user);

        var jobId = await Jobs.StartAsync(api, "/api/characters", new { name = "Zack", imagesZipUrl = fixture.Photos.ZipUrl(3) });
        var job = await Jobs.WaitForTerminalAsync(api, jobId);

        Assert.Equal("failed", (string?)job["status"]);
        Assert.Equal("input_invalid", (string?)job["error"]!["code"]);
        Assert.Contains("Step 'train' failed", (string)job["error"]!["message"]!, StringComparison.Ordinal);
        Assert.Equal(0, (long)job["credits"]!["charged"]!);
        Assert.Equal(50, (await Ledger.GetBalanceAsync(user)).Available);
    }

    [Fact]
    public async Task A_failed_training_fails_the_job_with_a_clear_error_keeps_no_files_and_charges_nothing()
    {
        fixture.Simulator.Control.AddFault(new FaultRule
        {
            Provider = SimulatorProvider.Fal,
            Model = TrainingModel,
            Operation = SimulatorOperation.Submit,
            Kind = FaultKind.CompletedWithError,
            StatusCode = 500,
            Times = 1,
        });
        var user = Users.New("ines");
        await fixture.GrantAsync(user, 60);
        using var api = fixture.Api(user);
        var photos = await CharacterClient.UploadPhotosAsync(api, 4);

        var jobId = await Jobs.StartAsync(api, "/api/characters", new { name = "Ines", imageUrls = photos });
        var job = await Jobs.WaitForTerminalAsync(api, jobId);

        Assert.Equal("failed", (string?)job["status"]);
        var message = (string)job["error"]!["message"]!;
        output.WriteLine($"{job["error"]!["code"]}: {message}");
        Assert.Equal("provider_failed", (string?)job["error"]!["code"]);
        Assert.Contains("train", message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("fal", message, StringComparison.Ordinal);
        Assert.Equal(0, (long)job["credits"]!["charged"]!);
        Assert.Equal(50, (long)job["credits"]!["refunded"]!);
        var balance = await Ledger.GetBalanceAsync(user);
        Assert.Equal((60, 0), (balance.Available, balance.Reserved));
        Assert.Empty(await ListAsync(AssetKeys.UserPrefix(user) + "characters/"));
        Assert.Empty((await ApiClient.ReadObjectAsync(await api.GetAsync("/api/characters")))["characters"]!.AsArray());
        Assert.DoesNotContain(fixture.Simulator.Control.Calls(SimulatorProvider.Fal, SimulatorOperation.Submit),
            c => c.Model != TrainingModel && c.Input?.ToString() is { } input && input.Contains(CharacterIdOf(jobId), StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_webhooks_dropped_the_character_is_still_trained_by_polling_on_durable_timers_with_few_polls()
    {
        fixture.Simulator.Control.AddFault(new FaultRule { Provider = SimulatorProvider.Fal, Operation = SimulatorOperation.Webhook, Kind = FaultKind.DropWebhook });
        var user = Users.New("lena");
        await fixture.GrantAsync(user, 50);
        using var api = fixture.Api(user);
        var photos = await CharacterClient.UploadPhotosAsync(api, 4);

        var jobId = await Jobs.StartAsync(api, "/api/characters", new { name = "Lena", imageUrls = photos });
        var job = await Jobs.WaitForTerminalAsync(api, jobId);

        Assert.True((string?)job["status"] == "succeeded", job.ToJsonString());
        var characterId = CharacterIdOf(jobId);
        var requests = fixture.Simulator.Control.Calls(SimulatorProvider.Fal, SimulatorOperation.Submit)
            .Where(c => c.Input?.ToString() is { } input && input.Contains(characterId, StringComparison.Ordinal))
            .ToDictionary(c => c.RequestId!, c => c.Model!);
        Assert.Equal(5, requests.Count);
        var webhooks = fixture.Simulator.Control.Calls(SimulatorProvider.Fal, SimulatorOperation.Webhook).Where(c => c.RequestId is { } id && requests.ContainsKey(id)).ToList();
        Assert.All(webhooks, w => Assert.Equal(0, w.StatusCode));
        var polls = fixture.Simulator.Control.Calls(SimulatorProvider.Fal, SimulatorOperation.Status).Where(c => c.RequestId is { } id && requests.ContainsKey(id)).ToList();
        var trainingPolls = polls.Count(p => requests[p.RequestId!] == TrainingModel);
        output.WriteLine($"status polls with webhooks dropped: {polls.Count} in all, {trainingPolls} for the training ({CharacterFixture.TrainingLatency.TotalSeconds} s), {polls.Count - trainingPolls} for the four reference images");
        Assert.InRange(trainingPolls, 1, 4);
        Assert.InRange(polls.Count, 5, 12);
        Assert.Equal(50, (long)job["credits"]!["charged"]!);
    }

    [Fact]
    public async Task Cancelling_during_training_cancels_the_request_at_fal_and_releases_the_credits()
    {
        fixture.Simulator.Control.SetModelLatency(TrainingModel, TimeSpan.FromMinutes(2));
        var user = Users.New("omar");
        await fixture.GrantAsync(user, 75);
        using var api = fixture.Api(user);
        var photos = await CharacterClient.UploadPhotosAsync(api, 4);
        var jobId = await Jobs.StartAsync(api, "/api/characters", new { name = "Omar", imageUrls = photos, quality = "standard" });
        var characterId = CharacterIdOf(jobId);
        var submit = await fixture.Simulator.Control.WaitForCallAsync(
            c => c.Operation == SimulatorOperation.Submit && c.Model == TrainingModel && c.Input?.ToString() is { } input && input.Contains(characterId, StringComparison.Ordinal),
            TimeSpan.FromSeconds(60));
        Assert.Equal(75, (await Ledger.GetBalanceAsync(user)).Reserved);

        var cancel = await api.PostJsonAsync($"/api/jobs/{jobId}/cancel", new { });
        var job = await Jobs.WaitForTerminalAsync(api, jobId);

        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.Equal("cancelled", (string?)job["status"]);
        Assert.Contains(fixture.Simulator.Control.Calls(SimulatorProvider.Fal, SimulatorOperation.Cancel), c => c.RequestId == submit.RequestId);
        Assert.Equal(0, (long)job["credits"]!["charged"]!);
        var balance = await Ledger.GetBalanceAsync(user);
        Assert.Equal((75, 0), (balance.Available, balance.Reserved));
        Assert.Empty(await ListAsync(AssetKeys.CharacterPrefix(user, characterId)));
        Assert.DoesNotContain(fixture.Simulator.Control.Calls(SimulatorProvider.Fal, SimulatorOperation.Submit),
            c => c.Model != TrainingModel && c.Input?.ToString() is { } input && input.Contains(characterId, StringComparison.Ordinal));
    }

    private static string CharacterIdOf(string jobId) => "char_" + jobId[4..];

    /// <summary>The submit of a job's step, found through the webhook fal delivered for it (its URL names the job and step).</summary>
    private SimulatorCall SubmitOfStep(string jobId, string stepKey)
    {
        var webhook = fixture.Simulator.Control.Calls(SimulatorProvider.Fal, SimulatorOperation.Webhook)
            .First(c => c.Target is { } target && target.Contains($"job={jobId}&", StringComparison.Ordinal) && target.Contains($"step={stepKey}&", StringComparison.Ordinal));
        return fixture.Simulator.Control.Calls(SimulatorProvider.Fal, SimulatorOperation.Submit).Single(c => c.RequestId == webhook.RequestId);
    }

    private SimulatorCall TrainingSubmitOf(string characterId) =>
        fixture.Simulator.Control.Calls(SimulatorProvider.Fal, SimulatorOperation.Submit)
            .Single(c => c.Model == TrainingModel && c.Input?.ToString() is { } input && input.Contains(characterId, StringComparison.Ordinal));

    private async Task<List<string>> ListAsync(string prefix)
    {
        var keys = new List<string>();
        await foreach (var item in Assets.ListAsync(prefix))
        {
            keys.Add(item.Key);
        }

        return keys;
    }
}
