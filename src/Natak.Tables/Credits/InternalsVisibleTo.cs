using System.Runtime.CompilerServices;

// The transaction checks Azurite cannot make (single partition, at most 100 actions) are tested directly.
[assembly: InternalsVisibleTo("Natak.Tables.Tests")]
