namespace Natak.DevHost.Durable;

/// <summary>Where the dev host keeps orchestration state.</summary>
public enum DurableBackendKind
{
    /// <summary>The Durable Task Azure Storage backend (what Durable Functions uses in Azure), on Azurite locally.</summary>
    AzureStorage,

    /// <summary>The sidecar's in-memory backend: fast to start, gone when the process ends.</summary>
    Memory,
}
