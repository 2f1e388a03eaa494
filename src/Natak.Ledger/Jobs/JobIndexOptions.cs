namespace Natak.Ledger.Jobs;

public sealed class JobIndexOptions
{
    public string TableName { get; set; } = Tables.TableNames.Jobs;
}
