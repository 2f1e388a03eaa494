namespace Natak.Simulator;
internal static class Placeholder { }
