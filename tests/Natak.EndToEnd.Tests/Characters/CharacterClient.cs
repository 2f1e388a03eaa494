using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Natak.EndToEnd.Tests.Infrastructure;

namespace Natak.EndToEnd.Tests.Characters;

/// <summary>What a web client does: ask for an upload URL, PUT the bytes to R2 itself, pass the returned url on.</summary>
public static class CharacterClient
{
    private static readonly HttpClient Storage = new() { Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Uploads <paramref name="bytes"/> through a presigned PUT and returns the url the other routes accept.</summary>
    public static async Task<string> UploadAsync(ApiClient api, string fileName, string contentType, byte[] bytes, long? declaredSize = null)
    {
        var response = await api.PostJsonAsync("/api/uploads", new { fileName, contentType, size = declaredSize ?? bytes.Length });
        var ticket = await ApiClient.ReadObjectAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, ticket.ToJsonString());

        using var put = new HttpRequestMessage(HttpMethod.Put, (string)ticket["uploadUrl"]!) { Content = new ByteArrayContent(bytes) };
        put.Content.Headers.ContentType = MediaTypeHeaderValue.Parse((string)ticket["headers"]!["Content-Type"]!);
        using var stored = await Storage.SendAsync(put);
        Assert.True(stored.IsSuccessStatusCode, $"PUT to the presigned URL answered {(int)stored.StatusCode}");
        return (string)ticket["url"]!;
    }

    public static async Task<List<string>> UploadPhotosAsync(ApiClient api, int count, int firstIndex = 0)
    {
        var urls = new List<string>();
        for (var i = firstIndex; i < firstIndex + count; i++)
        {
            urls.Add(await UploadAsync(api, $"me-{i}.png", "image/png", Photos.Png(i)));
        }

        return urls;
    }

    public static async Task<byte[]> DownloadAsync(string url) => await Storage.GetByteArrayAsync(url);

    /// <summary>Posts a character request and returns the status and the body (a job or a problem).</summary>
    public static async Task<(HttpStatusCode Status, JsonObject Body)> PostCharacterAsync(ApiClient api, object body)
    {
        var response = await api.PostJsonAsync("/api/characters", body);
        return (response.StatusCode, await ApiClient.ReadObjectAsync(response));
    }
}
