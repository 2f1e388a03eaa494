using System.Buffers.Binary;
using System.Text;

namespace Natak.Simulator;

/// <summary>Big-endian writer for ISO-BMFF boxes; <see cref="Box"/> returns a scope that patches the box size when disposed.</summary>
internal sealed class BoxWriter : IDisposable
{
    private readonly MemoryStream _stream = new();

    public long Length => _stream.Length;

    public BoxScope Box(string type)
    {
        var start = _stream.Position;
        U32(0);
        Ascii(type);
        return new BoxScope(this, start);
    }

    public BoxScope FullBox(string type, byte version, uint flags)
    {
        var scope = Box(type);
        U8(version);
        U24(flags);
        return scope;
    }

    public void U8(byte value) => _stream.WriteByte(value);

    public void U16(ushort value)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(b, value);
        _stream.Write(b);
    }

    public void U24(uint value)
    {
        U8((byte)(value >> 16));
        U8((byte)(value >> 8));
        U8((byte)value);
    }

    public void U32(uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, value);
        _stream.Write(b);
    }

    public void Zeros(int count)
    {
        for (var i = 0; i < count; i++)
        {
            _stream.WriteByte(0);
        }
    }

    public void Bytes(ReadOnlySpan<byte> bytes) => _stream.Write(bytes);

    public void Ascii(string text) => _stream.Write(Encoding.ASCII.GetBytes(text));

    public byte[] ToArray() => _stream.ToArray();

    public void Dispose() => _stream.Dispose();

    private void Close(long start)
    {
        var end = _stream.Position;
        _stream.Position = start;
        U32(checked((uint)(end - start)));
        _stream.Position = end;
    }

    internal readonly struct BoxScope(BoxWriter writer, long start) : IDisposable
    {
        public void Dispose() => writer.Close(start);
    }
}
