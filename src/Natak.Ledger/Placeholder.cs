namespace Natak.Ledger;
internal static class Placeholder { }
