namespace Natak.Tables.Spend;

/// <summary>Settings of <see cref="SpendStore"/>, bound from <c>Ledger:Spend</c>.</summary>
public sealed class SpendStoreOptions
{
    public const string SectionName = "Ledger:Spend";

    public string TableName { get; set; } = "Spend";
}
