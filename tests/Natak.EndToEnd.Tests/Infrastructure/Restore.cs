namespace Natak.EndToEnd.Tests.Infrastructure;

/// <summary>Undoes a change to the shared simulator when a test is done with it.</summary>
internal sealed class Restore(Action undo) : IDisposable
{
    public void Dispose() => undo();
}
