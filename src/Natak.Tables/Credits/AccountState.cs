using Azure;

namespace Natak.Tables.Credits;

/// <summary>What a write reads before deciding: the op key's fence, the head and (for hold operations) the hold.</summary>
internal sealed record AccountState(string Partition, Fence? Fence, AccountHead Head, LedgerHold? Hold, ETag HoldETag);
