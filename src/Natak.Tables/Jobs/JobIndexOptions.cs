namespace Natak.Tables.Jobs;

public sealed class JobIndexOptions
{
    public string TableName { get; set; } = Common.TableNames.Jobs;
}
