namespace Natak.Tables.Jobs;

/// <summary>A job's place at admission: running at once, or waiting with a ticket (lower tickets start first).</summary>
public sealed record AdmissionTicket(bool Admitted, long? Ticket);
