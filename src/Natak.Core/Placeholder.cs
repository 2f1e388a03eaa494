namespace Natak.Core;
internal static class Placeholder { }
