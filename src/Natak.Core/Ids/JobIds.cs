using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Natak.Core.Jobs;

namespace Natak.Core.Ids;

/// <summary>
/// Job ids are the orchestration instance ids: <c>{kind prefix}_{26 Crockford base32 chars}</c>.
/// A new id is time-ordered (48-bit milliseconds + 80 random bits, like a ULID). With an Idempotency-Key the
/// id is derived from user + key instead, so a retried request can never start a second job.
/// </summary>
public static class JobIds
{
    private const int BodyLength = 26;

    public static string New(JobKind kind, DateTimeOffset now)
    {
        Span<byte> bytes = stackalloc byte[17];
        var millis = (ulong)now.ToUnixTimeMilliseconds();
        BinaryPrimitives.WriteUInt64BigEndian(bytes, millis << 16);
        RandomNumberGenerator.Fill(bytes[6..]);
        return kind.IdPrefix() + "_" + Crockford.Encode(bytes, BodyLength);
    }

    public static string FromIdempotencyKey(JobKind kind, string userId, string idempotencyKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        return kind.IdPrefix() + "_" + Crockford.Encode(IdempotencyHash(userId, idempotencyKey), BodyLength);
    }

    /// <summary>SHA-256 of user and key, length-prefixed so that ("ab","c") and ("a","bc") differ.</summary>
    public static byte[] IdempotencyHash(string userId, string idempotencyKey)
    {
        var text = $"{userId.Length}:{userId}\n{idempotencyKey.Length}:{idempotencyKey}";
        return SHA256.HashData(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>True when <paramref name="jobId"/> has the shape of a job id (so junk never reaches storage queries).</summary>
    public static bool IsWellFormed(string? jobId)
    {
        if (jobId is null || jobId.Length != 3 + 1 + BodyLength || jobId[3] != '_')
        {
            return false;
        }

        var prefix = jobId[..3];
        if (!Enum.GetValues<JobKind>().Any(k => k.IdPrefix() == prefix))
        {
            return false;
        }

        foreach (var c in jobId.AsSpan(4))
        {
            if (!(c is >= '0' and <= '9' || c is >= 'A' and <= 'Z') || c is 'I' or 'L' or 'O' or 'U')
            {
                return false;
            }
        }

        return true;
    }
}
