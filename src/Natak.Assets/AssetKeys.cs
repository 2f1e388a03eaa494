using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Natak.Assets;

/// <summary>
/// The key layout. Everything a user owns lives under <c>users/{userId}/</c>:
/// <c>uploads/{uploadId}/{fileName}</c>, <c>jobs/{jobId}/{name}</c>, <c>characters/{characterId}/{name}</c>.
/// Ids are checked (letters, digits and <c>._@|:-</c>, starting with a letter or digit, at most 128 characters);
/// names are sanitised into one safe path segment. Invalid ids throw <see cref="ArgumentException"/>.
/// </summary>
public static class AssetKeys
{
    /// <summary>Longest id accepted in a key segment.</summary>
    public const int MaxIdLength = 128;

    /// <summary>Longest sanitised file name.</summary>
    public const int MaxFileNameLength = 120;

    private const int MaxKeyBytes = 1024;
    private const int MaxExtensionLength = 16;

    /// <summary><c>users/{userId}/</c>: everything the user owns.</summary>
    public static string UserPrefix(string userId) => $"users/{Id(userId, nameof(userId))}/";

    /// <summary><c>users/{userId}/uploads/{uploadId}/{safe file name}</c>: a client's direct upload.</summary>
    public static string Upload(string userId, string uploadId, string fileName) =>
        $"{UserPrefix(userId)}uploads/{Id(uploadId, nameof(uploadId))}/{SanitizeFileName(fileName)}";

    /// <summary><c>users/{userId}/jobs/{jobId}/</c>: a job's outputs.</summary>
    public static string JobPrefix(string userId, string jobId) => $"{UserPrefix(userId)}jobs/{Id(jobId, nameof(jobId))}/";

    /// <summary><c>users/{userId}/jobs/{jobId}/{safe name}</c>.</summary>
    public static string Job(string userId, string jobId, string name) => JobPrefix(userId, jobId) + SanitizeFileName(name);

    /// <summary><c>users/{userId}/characters/{characterId}/</c>: a character's LoRA, training zip and reference images.</summary>
    public static string CharacterPrefix(string userId, string characterId) =>
        $"{UserPrefix(userId)}characters/{Id(characterId, nameof(characterId))}/";

    /// <summary><c>users/{userId}/characters/{characterId}/{safe name}</c>.</summary>
    public static string Character(string userId, string characterId, string name) =>
        CharacterPrefix(userId, characterId) + SanitizeFileName(name);

    /// <summary>
    /// One safe path segment from a client's file name: the part after any <c>/</c> or <c>\</c>, characters other
    /// than ASCII letters, digits, <c>.</c>, <c>-</c>, <c>_</c> replaced by <c>_</c>, no leading dots, at most
    /// <see cref="MaxFileNameLength"/> characters with the extension kept; <c>file</c> when nothing is left.
    /// </summary>
    public static string SanitizeFileName(string? fileName)
    {
        var name = fileName ?? "";
        name = name[(name.LastIndexOfAny(['/', '\\']) + 1)..];
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            var safe = char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_';
            if (safe == '_' && builder.Length > 0 && builder[^1] == '_')
            {
                continue;
            }

            builder.Append(safe);
        }

        var sanitized = builder.ToString().TrimStart('.', '_').TrimEnd('.');
        if (sanitized.Length == 0)
        {
            return "file";
        }

        if (sanitized.Length > MaxFileNameLength)
        {
            var dot = sanitized.LastIndexOf('.');
            var extension = dot > 0 && sanitized.Length - dot <= MaxExtensionLength ? sanitized[dot..] : "";
            sanitized = sanitized[..(MaxFileNameLength - extension.Length)] + extension;
        }

        return sanitized;
    }

    /// <summary>
    /// Whether <paramref name="key"/> is a well-formed key: at most 1024 UTF-8 bytes, no leading <c>/</c>, no
    /// <c>\</c>, no control characters, and no empty, <c>.</c> or <c>..</c> segments.
    /// </summary>
    public static bool IsValidKey(string? key)
    {
        if (string.IsNullOrEmpty(key) || Encoding.UTF8.GetByteCount(key) > MaxKeyBytes || key.Contains('\\', StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var segment in key.Split('/'))
        {
            if (segment.Length == 0 || segment is "." or ".." || segment.Any(char.IsControl))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="prefix"/> is a valid key followed by <c>/</c>: something that names a folder, never the whole bucket.</summary>
    public static bool IsValidPrefix(string? prefix) =>
        prefix is { Length: > 1 } && prefix[^1] == '/' && IsValidKey(prefix[..^1]);

    /// <summary>What <see cref="IsValidId"/> accepts, in words for error messages.</summary>
    public const string IdRule = "1-128 characters: letters, digits and . _ - @ | : (starting with a letter or digit)";

    /// <summary>Whether <paramref name="id"/> may stand as one key segment.</summary>
    public static bool IsValidId([NotNullWhen(true)] string? id) =>
        id is { Length: > 0 and <= MaxIdLength }
        && char.IsAsciiLetterOrDigit(id[0])
        && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@' or '|' or ':');

    /// <summary>
    /// Whether <paramref name="key"/> is a valid key inside <c>users/{userId}/</c>. Use it before acting on a key
    /// taken from anything a caller sent (e.g. a URL recognised by <see cref="IAssetStore.TryGetOwnKey"/>).
    /// </summary>
    public static bool BelongsToUser(string? key, string? userId) =>
        IsValidId(userId) && IsValidKey(key) && key!.StartsWith($"users/{userId}/", StringComparison.Ordinal);

    private static string Id(string id, string parameterName) =>
        IsValidId(id) ? id : throw new ArgumentException("Not a valid id for an object key.", parameterName);
}
