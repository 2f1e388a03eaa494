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

    /// <summary>
    /// How long a job may hold its slot before the housekeeping timer looks at it: a job whose orchestration has
    /// stopped (failed unexpectedly, terminated from outside, never scheduled) is ended and its slot handed on, and one
    /// still waiting for the slot it was handed is woken again.
    /// </summary>
    public TimeSpan RepairAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The longest a queued job near the head of the queue waits for the wake-up of the job that hands it a slot before
    /// it looks at its place in the queue itself (sooner with few jobs ahead: two seconds per job ahead, and two); the
    /// wait doubles after each look, up to two minutes. A wake-up is lost when it reaches a job whose orchestration has
    /// not started yet (a hand-over in the moment between the job entering the queue and its orchestration starting),
    /// so without the look that job would wait for the admission repair. Jobs <see cref="MaxRunning"/> or more places
    /// back wait for the wake-up alone.
    /// </summary>
    public TimeSpan CheckAfter { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long one read of the queue's head serves the queue positions this process reports (status reads, pages,
    /// event streams). Zero reads it every time.
    /// </summary>
    public TimeSpan PositionFreshFor { get; set; } = TimeSpan.FromSeconds(1);
}
