namespace Natak.Docs.Tests;

/// <summary>What a check read (files, references seen) and what it found dangling.</summary>
internal sealed record CheckReport(IReadOnlyList<string> CheckedFiles, int ReferencesSeen, IReadOnlyList<DanglingReference> Dangling);
