namespace Natak.Simulator;

/// <summary>An output file of a job and what describes it in the provider's output JSON.</summary>
internal sealed record GeneratedFile(StoredFile File, string Url, int? Width = null, int? Height = null, VideoSpec? Video = null)
{
    public long Size => File.Bytes.Length;
}
