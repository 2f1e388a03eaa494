using System.Diagnostics;

namespace Natak.Docs.Tests;

/// <summary>
/// The files of a tree, as repository-relative paths with '/': what git tracks plus what it would add (untracked,
/// not ignored), so a fresh clone sees the same set; outside a git checkout, every file but build output.
/// </summary>
internal static class RepoFiles
{
    private static readonly string[] SkippedFolders = ["bin", "obj", "node_modules", ".git", ".local", "TestResults"];

    public static IReadOnlyList<string> List(string root)
    {
        var listed = FromGit(root) ?? FromDisk(root);
        return [.. listed.Where(path => File.Exists(Path.Combine(root, path))).Order(StringComparer.Ordinal)];
    }

    private static IEnumerable<string>? FromGit(string root)
    {
        try
        {
            var start = new ProcessStartInfo("git", ["-C", root, "ls-files", "-z", "--cached", "--others", "--exclude-standard"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var git = Process.Start(start)!;
            var output = git.StandardOutput.ReadToEnd();
            git.StandardError.ReadToEnd();
            git.WaitForExit();
            return git.ExitCode == 0 ? output.Split('\0', StringSplitOptions.RemoveEmptyEntries) : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static IEnumerable<string> FromDisk(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Where(path => !path.Split('/').SkipLast(1).Any(folder => SkippedFolders.Contains(folder, StringComparer.Ordinal)));
}
