using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;

namespace Natak.Simulator;

/// <summary>
/// A small but valid <c>.safetensors</c> LoRA: 8-byte little-endian header length, a JSON header (padded with
/// spaces to 8 bytes) with <c>__metadata__</c> and one entry per tensor, then the F32 tensor data.
/// </summary>
internal static class SafetensorsWriter
{
    private const int Rank = 4;
    private const int Features = 64;

    private static readonly string[] TensorNames =
    [
        "transformer.single_transformer_blocks.0.attn.to_q.lora_A.weight",
        "transformer.single_transformer_blocks.0.attn.to_q.lora_B.weight",
    ];

    public static byte[] Write(IReadOnlyDictionary<string, string> metadata, string key)
    {
        var header = new JsonObject { ["__metadata__"] = new JsonObject(metadata.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)m.Value))) };
        var tensorBytes = Rank * Features * sizeof(float);
        long offset = 0;
        for (var i = 0; i < TensorNames.Length; i++)
        {
            var shape = i % 2 == 0 ? new JsonArray(Rank, Features) : new JsonArray(Features, Rank);
            header[TensorNames[i]] = new JsonObject
            {
                ["dtype"] = "F32",
                ["shape"] = shape,
                ["data_offsets"] = new JsonArray(offset, offset + tensorBytes),
            };
            offset += tensorBytes;
        }

        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        var padded = (json.Length + 7) / 8 * 8;
        var file = new byte[8 + padded + offset];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)padded);
        json.CopyTo(file, 8);
        file.AsSpan(8 + json.Length, padded - json.Length).Fill((byte)' ');

        var random = new DeterministicBytes(key);
        var data = file.AsSpan(8 + padded);
        for (var i = 0; i < data.Length; i += sizeof(float))
        {
            var value = (random.NextByte() - 128) / 4096f;
            BinaryPrimitives.WriteSingleLittleEndian(data[i..], value);
        }

        return file;
    }
}
