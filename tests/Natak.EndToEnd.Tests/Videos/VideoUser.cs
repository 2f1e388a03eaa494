using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Natak.Assets;
using Natak.Core.Media;
using Natak.EndToEnd.Tests.Infrastructure;
using Natak.Simulator;
using Natak.Tables.Characters;
using Natak.Tables.Credits;
using Natak.Tables.Spend;

namespace Natak.EndToEnd.Tests.Videos;

/// <summary>
/// One test's user on the video host: credits, an API client, uploads in R2 (s3rver), a trained character, and
/// readers for what a job left behind (the ledger, the Spend table, the stored video, the simulator's call log).
/// </summary>
public sealed class VideoUser : IDisposable
{
    private readonly VideoHostFixture _fixture;

    private VideoUser(VideoHostFixture fixture, string id)
    {
        _fixture = fixture;
        Id = id;
        Api = fixture.Api(id);
    }

    public string Id { get; }

    public ApiClient Api { get; }

    private IAssetStore Assets => _fixture.Host.Services.GetRequiredService<IAssetStore>();

    /// <summary>A new user with <paramref name="credits"/>; the simulator's faults and call log are cleared for the test.</summary>
    public static async Task<VideoUser> CreateAsync(VideoHostFixture fixture, long credits, string name = "director")
    {
        await fixture.InputsAsync();
        fixture.Simulator.Control.ClearFaults();
        fixture.Simulator.Control.ClearCalls();
        var user = new VideoUser(fixture, Users.New(name));
        await fixture.GrantAsync(user.Id, credits);
        return user;
    }

    /// <summary>The start frame uploaded under the user's prefix; a presigned GET URL (http on the dev allow-list).</summary>
    public async Task<string> StartFrameUrlAsync() =>
        await UploadAsync("start.png", (await _fixture.InputsAsync()).StartFramePng, AssetContentTypes.Png);

    public async Task<string> DrivingVideoUrlAsync() =>
        await UploadAsync("moves.mp4", (await _fixture.InputsAsync()).DrivingVideoMp4, AssetContentTypes.Mp4);

    /// <summary>A character as training leaves it: a LoRA file in R2 and its record.</summary>
    public async Task<CharacterRecord> CreateCharacterAsync(string triggerWord = "MAYA")
    {
        var characterId = "chr_" + Guid.NewGuid().ToString("N")[..12];
        var loraKey = AssetKeys.Character(Id, characterId, "pytorch_lora_weights.safetensors");
        await using (var lora = new MemoryStream(Safetensors()))
        {
            await Assets.PutAsync(loraKey, lora, AssetContentTypes.Safetensors);
        }

        var character = new CharacterRecord(Id, characterId, "Maya", triggerWord, loraKey, null, [], 1000, "chr-job-" + characterId, DateTimeOffset.UtcNow);
        await _fixture.Host.Services.GetRequiredService<CharacterStore>().SaveAsync(character);
        return character;
    }

    /// <summary>Starts a video job (202 expected) and waits until it is terminal.</summary>
    public async Task<JsonObject> RunAsync(object body)
    {
        var jobId = await Jobs.StartAsync(Api, "/api/videos", body);
        return await Jobs.WaitForTerminalAsync(Api, jobId, TimeSpan.FromSeconds(180));
    }

    public Task<AccountBalance> BalanceAsync() =>
        _fixture.Host.Services.GetRequiredService<ICreditLedger>().GetBalanceAsync(Id);

    public async Task<IReadOnlyList<SpendRecord>> SpendAsync(string jobId) =>
        await _fixture.Host.Services.GetRequiredService<SpendStore>().GetJobAsync(jobId);

    /// <summary>The paid calls the simulator received since the test began, in order: submits and chat completions.</summary>
    public IReadOnlyList<SimulatorCall> PaidCalls() =>
        [.. _fixture.Simulator.Control.Calls().Where(c => c.Operation is SimulatorOperation.Submit or SimulatorOperation.Chat).OrderBy(c => c.Seq)];

    public IReadOnlyList<SimulatorCall> Calls(SimulatorProvider provider, SimulatorOperation operation) =>
        _fixture.Simulator.Control.Calls(provider, operation);

    public static void AssertStatus(string expected, JsonObject job) =>
        Assert.True((string?)job["status"] == expected, $"expected {expected}: {job.ToJsonString()}");

    /// <summary>Downloads the job's video from R2 through its presigned URL and probes it.</summary>
    public static async Task<(byte[] Bytes, Mp4Info Info)> DownloadVideoAsync(JsonObject job)
    {
        using var http = new HttpClient();
        var bytes = await http.GetByteArrayAsync((string)job["result"]!["video"]!["url"]!);
        var info = Mp4Probe.Probe(bytes);
        Assert.NotNull(info);
        return (bytes, info);
    }

    /// <summary>The objects the job stored under the user's prefix.</summary>
    public async Task<IReadOnlyList<AssetInfo>> JobObjectsAsync(string jobId)
    {
        var objects = new List<AssetInfo>();
        await foreach (var info in Assets.ListAsync(AssetKeys.JobPrefix(Id, jobId)))
        {
            objects.Add(info);
        }

        return objects;
    }

    public async Task<AssetInfo> HeadAsync(string key) =>
        await Assets.HeadAsync(key) ?? throw new InvalidOperationException("no object at " + key);

    public void Dispose() => Api.Dispose();

    private async Task<string> UploadAsync(string fileName, byte[] bytes, string contentType)
    {
        var key = AssetKeys.Upload(Id, Guid.NewGuid().ToString("N"), fileName);
        await using (var content = new MemoryStream(bytes))
        {
            await Assets.PutAsync(key, content, contentType);
        }

        return (await Assets.GetDownloadUrlAsync(key, TimeSpan.FromHours(1))).Url.ToString();
    }

    /// <summary>A minimal safetensors file: header length, a JSON header with metadata only.</summary>
    private static byte[] Safetensors()
    {
        var header = System.Text.Encoding.UTF8.GetBytes("{\"__metadata__\":{\"format\":\"pt\"}}    ");
        var bytes = new byte[8 + header.Length];
        BitConverter.TryWriteBytes(bytes.AsSpan(0, 8), (long)header.Length);
        header.CopyTo(bytes, 8);
        return bytes;
    }
}
