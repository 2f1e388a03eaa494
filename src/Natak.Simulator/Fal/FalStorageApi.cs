using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Natak.Simulator;

/// <summary>
/// fal's REST side: the JWKS for webhook signatures, and storage uploads
/// (<c>POST /storage/upload/initiate</c> → <c>{upload_url, file_url}</c>, then <c>PUT</c> the bytes to <c>upload_url</c>).
/// </summary>
internal sealed class FalStorageApi(SimulatorControl control, ProviderGate gate, FileStore files, FalSigningKey falKey)
{
    private const long MaxUploadBytes = 512L << 20;

    private readonly ConcurrentDictionary<string, StoredFile> _pendingUploads = new(StringComparer.Ordinal);

    public async Task JwksAsync(HttpContext http)
    {
        var call = new ProviderCall(http, SimulatorProvider.Fal, SimulatorOperation.Jwks, control.Log);
        if (await gate.AdmitAsync(call, FalDialect.Instance, requireKey: false) is null)
        {
            return;
        }

        await call.RespondAsync(200, JsonNode.Parse(falKey.JwksJson), new Dictionary<string, string>(StringComparer.Ordinal) { ["Cache-Control"] = "max-age=3600" });
    }

    public async Task InitiateUploadAsync(HttpContext http)
    {
        var call = new ProviderCall(http, SimulatorProvider.Fal, SimulatorOperation.Upload, control.Log);
        if (await gate.AdmitAsync(call, FalDialect.Instance) is null)
        {
            return;
        }

        var (body, logged, _) = await RequestBodies.ReadObjectAsync(http);
        call.Input = logged;
        var contentType = body?["content_type"]?.GetValue<string>() ?? "application/octet-stream";
        var fileName = SafeFileName(body?["file_name"]?.GetValue<string>() ?? "upload.bin");
        var token = FileStore.NewToken();
        var pending = new StoredFile(FileStore.PathFor(SimulatorProvider.Fal, token, fileName), fileName, contentType, [], SimulatorProvider.Fal, null, null);
        _pendingUploads[token] = pending;

        var baseUrl = RequestBodies.BaseUrl(http, control.Options);
        await call.RespondAsync(200, new JsonObject
        {
            ["upload_url"] = $"{baseUrl}/fal/cdn/upload/{token}",
            ["file_url"] = $"{baseUrl}/{pending.Path}",
        });
    }

    public async Task PutUploadAsync(HttpContext http, string token)
    {
        var call = new ProviderCall(http, SimulatorProvider.Fal, SimulatorOperation.Upload, control.Log);
        if (!_pendingUploads.TryRemove(token, out var pending))
        {
            await call.RespondAsync(404, new JsonObject { ["detail"] = "Upload not found or already used." });
            return;
        }

        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        if (buffer.Length > MaxUploadBytes)
        {
            await call.RespondAsync(413, new JsonObject { ["detail"] = "File too large." });
            return;
        }

        files.Put(pending with { Bytes = buffer.ToArray(), ContentType = http.Request.ContentType ?? pending.ContentType });
        await call.RespondAsync(200, null);
    }

    private static string SafeFileName(string name)
    {
        var cleaned = new string([.. Path.GetFileName(name).Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_')]);
        return cleaned.Length == 0 ? "upload.bin" : cleaned;
    }
}
