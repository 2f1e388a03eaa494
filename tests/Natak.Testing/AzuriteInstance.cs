namespace Natak.Testing;

/// <summary>An Azurite started by <see cref="LocalServices.StartAzuriteAsync"/>.</summary>
public sealed record AzuriteInstance(ChildProcess Process, int BlobPort, int QueuePort, int TablePort)
{
    public string ConnectionString => LocalServices.AzuriteConnectionString(BlobPort, QueuePort, TablePort);
}
