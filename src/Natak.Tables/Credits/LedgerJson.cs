using System.Text.Json;
using System.Text.Json.Serialization;

namespace Natak.Tables.Credits;

/// <summary>How receipts are stored in fences. Stored data outlives code: enums are written by name, not number.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(LedgerReceipt))]
internal sealed partial class LedgerJson : JsonSerializerContext
{
    public static string Serialize(LedgerReceipt receipt) => JsonSerializer.Serialize(receipt, Default.LedgerReceipt);

    public static LedgerReceipt Deserialize(string json) =>
        JsonSerializer.Deserialize(json, Default.LedgerReceipt) ?? throw new InvalidDataException("empty receipt in a ledger fence");
}
