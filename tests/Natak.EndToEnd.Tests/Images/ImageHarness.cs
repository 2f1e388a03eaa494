using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Natak.Assets;
using Natak.Core.Media;
using Natak.EndToEnd.Tests.Infrastructure;
using Natak.Simulator;
using Natak.Tables.Characters;
using Natak.Tables.Credits;

namespace Natak.EndToEnd.Tests.Images;

/// <summary>What the image tests look at: the simulator's log of paid calls, the outputs in s3rver, the user's credits.</summary>
public sealed class ImageHarness(ImagesHostFixture fixture)
{
    private static readonly HttpClient Downloads = new() { Timeout = TimeSpan.FromSeconds(60) };

    public ImagesHostFixture Fixture => fixture;

    public SimulatorControl Simulator => fixture.Simulator.Control;

    public IAssetStore Assets => fixture.Host.Services.GetRequiredService<IAssetStore>();

    public ICreditLedger Ledger => fixture.Host.Services.GetRequiredService<ICreditLedger>();

    /// <summary>A fresh user with credits; the call log and fault rules start empty.</summary>
    public async Task<(string User, ApiClient Api)> NewUserAsync(long credits, string name = "imager")
    {
        Simulator.ClearFaults();
        Simulator.ClearCalls();
        var user = Users.New(name);
        if (credits > 0)
        {
            await fixture.GrantAsync(user, credits);
        }

        return (user, fixture.Api(user));
    }

    /// <summary>Every paid call in arrival order: fal/WaveSpeed submits (by model id) and xAI chats (as <c>xai:chat</c>).</summary>
    public IReadOnlyList<PaidCall> PaidCalls() =>
        [.. Simulator.Calls()
            .Where(c => c.Operation is SimulatorOperation.Submit or SimulatorOperation.Chat)
            .OrderBy(c => c.Seq)
            .Select(c => new PaidCall(c.Operation == SimulatorOperation.Chat ? "xai:chat" : c.Model!, c.Input is { } input ? JsonNode.Parse(input.GetRawText())!.AsObject() : [], c.StatusCode))];

    public IReadOnlyList<JsonObject> SubmitsTo(string modelId) =>
        [.. PaidCalls().Where(c => c.Model == modelId).Select(c => c.Input)];

    /// <summary>Reads <paramref name="read"/> until <paramref name="condition"/> holds (the machine is shared: generous deadline, no fixed sleeps).</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var value = await read();
            if (condition(value))
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{what} never happened; last seen: {value}");
            await Task.Delay(100);
        }
    }

    /// <summary>Downloads an output through its presigned URL and reads its header.</summary>
    public static async Task<(byte[] Bytes, ImageDimensions Size)> DownloadImageAsync(JsonNode image)
    {
        var bytes = await Downloads.GetByteArrayAsync((string)image["url"]!);
        var size = ImageHeader.Read(bytes);
        Assert.NotNull(size);
        return (bytes, size!.Value);
    }

    /// <summary>The objects a job stored under the user's prefix in R2 (s3rver).</summary>
    public async Task<IReadOnlyList<AssetInfo>> StoredAsync(string user, string jobId)
    {
        var list = new List<AssetInfo>();
        await foreach (var asset in Assets.ListAsync(AssetKeys.JobPrefix(user, jobId)))
        {
            list.Add(asset);
        }

        return list;
    }

    /// <summary>Puts a PNG among the user's uploads and returns its presigned URL, as <c>POST /api/uploads</c> would.</summary>
    public async Task<string> UploadPngAsync(string user, int width, int height)
    {
        using var content = new MemoryStream(Characters.Photos.Png(0, width, height));
        var stored = await Assets.PutAsync(AssetKeys.Upload(user, Guid.NewGuid().ToString("N"), "photo.png"), content, AssetContentTypes.Png);
        return (await Assets.GetDownloadUrlAsync(stored.Key)).Url.ToString();
    }

    /// <summary>A trained character as the characters route leaves it: its LoRA file in R2 and its row in the store.</summary>
    public async Task<CharacterRecord> CreateCharacterAsync(string user, string triggerWord)
    {
        var characterId = "chr_" + Guid.NewGuid().ToString("N")[..12];
        using var lora = new MemoryStream(LoraBytes(triggerWord));
        var stored = await Assets.PutAsync(AssetKeys.Character(user, characterId, "pytorch_lora_weights.safetensors"), lora, AssetContentTypes.Safetensors);
        var record = new CharacterRecord(user, characterId, "Maya", triggerWord, stored.Key, null, [], 1000, "job-test", DateTimeOffset.UtcNow);
        await fixture.Host.Services.GetRequiredService<CharacterStore>().SaveAsync(record);
        return record;
    }

    public async Task<IReadOnlyList<JournalEntry>> JournalAsync(string user) =>
        (await Ledger.GetEntriesAsync(user, 100)).Entries;

    /// <summary>A safetensors file: header length, a JSON header naming the trigger word, no tensors.</summary>
    private static byte[] LoraBytes(string triggerWord)
    {
        var header = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["__metadata__"] = new Dictionary<string, string> { ["trigger_word"] = triggerWord } });
        var padded = new byte[(header.Length + 7) / 8 * 8];
        Array.Fill(padded, (byte)' ');
        header.CopyTo(padded, 0);
        var file = new byte[8 + padded.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)padded.Length);
        padded.CopyTo(file, 8);
        return file;
    }
}

/// <summary>One paid call the simulator received: the model id (or <c>xai:chat</c>), its JSON body and the status answered.</summary>
public sealed record PaidCall(string Model, JsonObject Input, int StatusCode);
