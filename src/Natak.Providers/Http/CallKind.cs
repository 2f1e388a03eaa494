namespace Natak.Providers.Http;

/// <summary>Decides retries and how failures are classified.</summary>
internal enum CallKind
{
    /// <summary>An idempotent request (status/result GET, cancel PUT, key fetch): retried on transient failures.</summary>
    Idempotent,

    /// <summary>A POST that starts paid work (submit, chat completion): sent once; a failure after sending is ambiguous.</summary>
    BillablePost,
}
