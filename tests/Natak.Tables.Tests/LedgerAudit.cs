using Azure.Data.Tables;

namespace Natak.Tables.Tests;

/// <summary>
/// Checks an account's raw rows against docs/ledger.md §Invariants, independently of the ledger's own code:
/// the journal folds to the head with gapless sequence numbers; no hold overdraws (only a take-back of purchased
/// credits may leave the account negative); pending debits equal the pending
/// holds; every op key applied at most once; every hold settled once and never over its amount.
/// </summary>
public static class LedgerAudit
{
    public sealed record Totals(long CreditsPosted, long DebitsPosted, long DebitsPending, long Seq);

    public static async Task<Totals> AssertConsistentAsync(TableClient table, string userId)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"u|" + userId}")))
        {
            rows.Add(row);
        }

        var journal = rows.Where(r => r.RowKey.StartsWith("J|", StringComparison.Ordinal)).OrderBy(r => r.GetInt64("Seq")).ToList();
        var holds = rows.Where(r => r.RowKey.StartsWith("H|", StringComparison.Ordinal)).ToList();
        var fences = rows.Where(r => r.RowKey.StartsWith("K|", StringComparison.Ordinal)).Select(r => r.RowKey[2..]).ToHashSet(StringComparer.Ordinal);
        var head = rows.SingleOrDefault(r => r.RowKey == "BAL");

        // 1. Gapless sequence numbers, and the fold reproduces the head exactly.
        Assert.Equal(Enumerable.Range(1, journal.Count).Select(i => (long)i), journal.Select(r => r.GetInt64("Seq")!.Value));
        long credits = 0, posted = 0, pending = 0;
        foreach (var row in journal)
        {
            var amount = row.GetInt64("Amount")!.Value;
            Assert.True(amount > 0, $"journal row {row.RowKey} has amount {amount}");
            switch (row.GetString("Kind"))
            {
                case "Purchase" or "Grant" or "Adjust": credits += amount; break;
                case "Refund" or "Dispute": credits -= amount; break;
                case "Hold": pending += amount; break;
                case "Capture": pending -= amount; posted += amount; break;
                case "Release" or "Expire": pending -= amount; break;
                default: Assert.Fail($"unknown kind {row.GetString("Kind")}"); break;
            }

            Assert.True(row.GetString("Kind") != "Hold" || credits - posted - pending >= 0, $"hold {row.RowKey} overdraws the account");
            Assert.Equal(credits - posted, row.GetInt64("BalanceAfter"));
            Assert.Equal(credits - posted - pending, row.GetInt64("AvailableAfter"));
        }

        var totals = new Totals(credits, posted, pending, journal.Count);
        if (head is null)
        {
            Assert.Empty(journal);
        }
        else
        {
            Assert.Equal(totals, new Totals(head.GetInt64("CreditsPosted")!.Value, head.GetInt64("DebitsPosted")!.Value, head.GetInt64("DebitsPending")!.Value, head.GetInt64("Seq")!.Value));
        }

        // 2. Never an overdraft but for take-backs; pending debits are exactly the pending holds.
        var takenBack = journal.Any(r => r.GetString("Kind") is "Refund" or "Dispute");
        Assert.True(takenBack || posted + pending <= credits, $"overdraft: posted {posted} + pending {pending} > credits {credits}");
        Assert.Equal(pending, holds.Where(h => h.GetString("Status") == "Pending").Sum(h => h.GetInt64("Amount")!.Value));

        // 3. Each op key applied at most once (its rows are one contiguous run, behind one fence) ...
        foreach (var op in journal.GroupBy(r => r.GetString("OpKey")))
        {
            Assert.Contains(op.Key, fences);
            var seqs = op.Select(r => r.GetInt64("Seq")!.Value).ToList();
            Assert.True(seqs.Count <= 2 && seqs[^1] - seqs[0] == seqs.Count - 1, $"op key {op.Key} applied more than once: seqs {string.Join(",", seqs)}");
        }

        // ... and each hold opened once, ended at most once, captured within its amount.
        foreach (var hold in holds)
        {
            var holdId = hold.RowKey[2..];
            var rowsOfHold = journal.Where(r => r.GetString("HoldId") == holdId).ToList();
            var amount = hold.GetInt64("Amount")!.Value;
            var captured = hold.GetInt64("Captured")!.Value;
            Assert.Single(rowsOfHold, r => r.GetString("Kind") == "Hold");
            Assert.Equal(amount, rowsOfHold.Single(r => r.GetString("Kind") == "Hold").GetInt64("Amount"));
            var settlements = rowsOfHold.Where(r => r.GetString("Kind") != "Hold").ToList();
            Assert.True(settlements.Select(r => r.GetString("OpKey")).Distinct().Count() <= 1, $"hold {holdId} settled by more than one operation");
            Assert.InRange(captured, 0, amount);
            Assert.Equal(captured, settlements.Where(r => r.GetString("Kind") == "Capture").Sum(r => r.GetInt64("Amount")!.Value));
            var givenBack = settlements.Where(r => r.GetString("Kind") is "Release" or "Expire").Sum(r => r.GetInt64("Amount")!.Value);
            Assert.Equal(hold.GetString("Status") == "Pending" ? 0 : amount - captured, givenBack);
            if (hold.GetString("Status") == "Pending")
            {
                Assert.Empty(settlements);
            }
        }

        return totals;
    }

    /// <summary>The journal rows of an account, oldest first.</summary>
    public static async Task<List<TableEntity>> JournalAsync(TableClient table, string userId)
    {
        var rows = new List<TableEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {"u|" + userId} and RowKey ge {"J|"} and RowKey lt {"J}"}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter))
        {
            rows.Add(row);
        }

        return rows;
    }
}
