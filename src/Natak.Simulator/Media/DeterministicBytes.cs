using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Natak.Simulator;

/// <summary>An endless byte stream derived from a text key (SHA-256 in counter mode): same key, same bytes.</summary>
internal sealed class DeterministicBytes
{
    private readonly byte[] _key;
    private byte[] _block = [];
    private int _position;
    private uint _counter;

    public DeterministicBytes(string key) => _key = Encoding.UTF8.GetBytes(key);

    public byte NextByte()
    {
        if (_position >= _block.Length)
        {
            var input = new byte[_key.Length + 4];
            _key.CopyTo(input, 0);
            BinaryPrimitives.WriteUInt32BigEndian(input.AsSpan(_key.Length), _counter++);
            _block = SHA256.HashData(input);
            _position = 0;
        }

        return _block[_position++];
    }

    /// <summary>A value in [0, <paramref name="max"/>).</summary>
    public int Next(int max) => max <= 1 ? 0 : (int)(((uint)NextByte() << 16 | (uint)NextByte() << 8 | NextByte()) % (uint)max);

    public Rgb NextColor() => new(NextByte(), NextByte(), NextByte());

    public void Fill(Span<byte> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = NextByte();
        }
    }
}
