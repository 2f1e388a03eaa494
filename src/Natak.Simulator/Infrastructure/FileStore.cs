using System.Security.Cryptography;

namespace Natak.Simulator;

/// <summary>Output and uploaded files, in memory, served by the fake CDNs. The oldest go first beyond the size cap.</summary>
internal sealed class FileStore(SimulatorOptions options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StoredFile> _files = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private long _bytes;

    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public static string PathFor(SimulatorProvider provider, string token, string fileName) =>
        (provider == SimulatorProvider.WaveSpeed ? "wavespeed/files/" : "fal/cdn/files/") + token + "/" + fileName;

    public StoredFile Add(SimulatorProvider provider, string fileName, string contentType, byte[] bytes, string? model, string? requestId)
    {
        var file = new StoredFile(PathFor(provider, NewToken(), fileName), fileName, contentType, bytes, provider, model, requestId);
        Put(file);
        return file;
    }

    public void Put(StoredFile file)
    {
        lock (_gate)
        {
            if (_files.Remove(file.Path, out var replaced))
            {
                _bytes -= replaced.Bytes.Length;
            }

            _files[file.Path] = file;
            _order.Enqueue(file.Path);
            _bytes += file.Bytes.Length;
            while (_bytes > options.FileStoreMaxBytes && _order.TryDequeue(out var oldest))
            {
                if (oldest != file.Path && _files.Remove(oldest, out var evicted))
                {
                    _bytes -= evicted.Bytes.Length;
                }
            }
        }
    }

    public StoredFile? Get(string path)
    {
        lock (_gate)
        {
            return _files.GetValueOrDefault(path);
        }
    }
}

/// <summary>A file served at <c>{sim}/{Path}</c>.</summary>
internal sealed record StoredFile(string Path, string FileName, string ContentType, byte[] Bytes, SimulatorProvider Provider, string? Model, string? RequestId);
