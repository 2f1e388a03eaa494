namespace Natak.Docs.Tests;

/// <summary>A reference that points at nothing: the file and line it stands on, what it says, and why it dangles.</summary>
internal sealed record DanglingReference(string File, int Line, string Reference, string Why)
{
    public override string ToString() => $"{File}:{Line}: {Reference} — {Why}";
}
