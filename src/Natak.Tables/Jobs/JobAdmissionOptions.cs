namespace Natak.Tables.Jobs;

/// <summary>The admission queue (section <c>Jobs:Admission</c>): how many jobs run at once; later ones wait <c>queued</c>, oldest first.</summary>
public sealed class JobAdmissionOptions
{
    public const string SectionName = "Jobs:Admission";

    public string TableName { get; set; } = "JobAdmission";

    /// <summary>
    /// Jobs running at once. More jobs than the host can run at once only slow every job down (each waits its turn
    /// at every step); fewer leave the host idle between a job's steps. The default suits the dev host on 2 cores.
    /// </summary>
    public int MaxRunning { get; set; } = 16;
}
