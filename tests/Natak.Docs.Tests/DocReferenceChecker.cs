using System.Text;
using System.Text.RegularExpressions;

namespace Natak.Docs.Tests;

/// <summary>
/// Finds references that point at nothing in a tree: in Markdown, every link (a relative path that must exist, and a
/// <c>#anchor</c> that must name a heading of the Markdown file it points into); in Markdown and in code, build,
/// infrastructure, data and script files, every mention of a <c>docs/…</c> path or a <c>*.md</c> file name — a path
/// must exist inside the repository, a bare file name must be some file's name in it. URLs are not followed.
/// </summary>
internal sealed partial class DocReferenceChecker
{
    private static readonly HashSet<string> TextExtensions =
        new([".cs", ".bicep", ".bicepparam", ".props", ".targets", ".csproj", ".json", ".yaml", ".yml", ".sh"], StringComparer.Ordinal);

    private readonly string _root;
    private readonly IReadOnlyList<string> _files;
    private readonly HashSet<string> _known;
    private readonly HashSet<string> _folders = new(StringComparer.Ordinal);
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlySet<string>> _anchors = new(StringComparer.Ordinal);

    /// <param name="root">The tree's root folder.</param>
    /// <param name="files">Its files, relative to <paramref name="root"/> with '/'.</param>
    public DocReferenceChecker(string root, IReadOnlyList<string> files)
    {
        _root = root;
        _files = files;
        _known = new HashSet<string>(files, StringComparer.Ordinal);
        foreach (var file in files)
        {
            _names.Add(file[(file.LastIndexOf('/') + 1)..]);
            for (var slash = file.IndexOf('/', StringComparison.Ordinal); slash > 0; slash = file.IndexOf('/', slash + 1))
            {
                _folders.Add(file[..slash]);
            }
        }
    }

    public static DocReferenceChecker ForTree(string root) => new(root, RepoFiles.List(root));

    /// <summary>Checks every file this checker reads (Markdown, and the text kinds that may mention a document).</summary>
    public CheckReport CheckAll()
    {
        var checkedFiles = _files.Where(IsChecked).ToList();
        var references = 0;
        var dangling = new List<DanglingReference>();
        foreach (var file in checkedFiles)
        {
            var (seen, found) = Check(file);
            references += seen;
            dangling.AddRange(found);
        }

        return new CheckReport(checkedFiles, references, dangling);
    }

    private bool IsChecked(string file)
    {
        if (file.EndsWith(".md", StringComparison.Ordinal) || TextExtensions.Contains(Path.GetExtension(file)))
        {
            return true;
        }

        // extensionless scripts (.ci/run)
        if (Path.GetExtension(file).Length > 0)
        {
            return false;
        }

        using var reader = new StreamReader(Path.Combine(_root, file));
        return reader.ReadLine()?.StartsWith("#!", StringComparison.Ordinal) == true;
    }

    private (int Seen, List<DanglingReference> Dangling) Check(string file)
    {
        var markdown = file.EndsWith(".md", StringComparison.Ordinal);
        var lines = File.ReadAllLines(Path.Combine(_root, file));
        var found = new List<DanglingReference>();
        var seen = 0;
        var fenced = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var reported = new HashSet<string>(StringComparer.Ordinal);
            void Report(string reference, string why)
            {
                if (reported.Add(reference))
                {
                    found.Add(new DanglingReference(file, i + 1, reference, why));
                }
            }

            if (markdown && Fence().IsMatch(line))
            {
                fenced = !fenced;
                continue;
            }

            if (markdown && !fenced)
            {
                var prose = InlineCode().Replace(line, m => new string(' ', m.Length));
                foreach (var target in Links(prose))
                {
                    seen++;
                    if (CheckLink(file, target) is { } why)
                    {
                        Report(target, why);
                    }
                }
            }

            var text = Url().Replace(line, m => new string(' ', m.Length));
            foreach (var mention in Mentions(text))
            {
                seen++;
                if (CheckMention(file, mention, markdown) is { } why)
                {
                    Report(mention, why);
                }
            }
        }

        return (seen, found);
    }

    private static IEnumerable<string> Links(string line) =>
        InlineLink().Matches(line).Select(m => m.Groups["target"].Value)
            .Concat(ReferenceDefinition().Matches(line).Select(m => m.Groups["target"].Value));

    private static IEnumerable<string> Mentions(string line) =>
        MarkdownName().Matches(line).Concat(DocsPath().Matches(line))
            .DistinctBy(m => m.Index)
            .Select(m => m.Value)
            // routes the dev host serves (/api/docs, /api/openapi.yaml) are URLs, not files
            .Where(m => !m.StartsWith("/api/", StringComparison.Ordinal));

    /// <summary>Why a Markdown link dangles, or null: relative to the linking file (or to the root with a leading '/').</summary>
    private string? CheckLink(string file, string target)
    {
        if (Scheme().IsMatch(target))
        {
            return null;
        }

        var hash = target.IndexOf('#', StringComparison.Ordinal);
        var pathPart = Uri.UnescapeDataString(hash < 0 ? target : target[..hash]);
        var anchor = hash < 0 ? null : target[(hash + 1)..];
        var resolved = pathPart.Length == 0 ? file : Resolve(pathPart.StartsWith('/') ? "" : Folder(file), pathPart.TrimStart('/'));
        if (resolved is null)
        {
            return "points outside the repository";
        }

        if (!_known.Contains(resolved) && !_folders.Contains(resolved.TrimEnd('/')))
        {
            return "no such file or folder";
        }

        if (anchor is { Length: > 0 } && resolved.EndsWith(".md", StringComparison.Ordinal) && !Anchors(resolved).Contains(anchor))
        {
            return $"no heading in {resolved} has the anchor #{anchor}";
        }

        return null;
    }

    /// <summary>Why a mentioned path or document name dangles, or null.</summary>
    private string? CheckMention(string file, string mention, bool markdown)
    {
        if (mention.StartsWith('/'))
        {
            return "an absolute path, outside the repository";
        }

        if (mention.StartsWith("./", StringComparison.Ordinal) || mention.StartsWith("../", StringComparison.Ordinal))
        {
            return Resolve(Folder(file), mention) switch
            {
                null => "points outside the repository",
                var resolved when Exists(resolved) => null,
                _ => "no such file or folder",
            };
        }

        if (mention.Contains('/', StringComparison.Ordinal))
        {
            // a path in prose or code is read from the root; a Markdown file may also mean its own folder
            var fromFolder = markdown ? Resolve(Folder(file), mention) : null;
            return Exists(mention) || (fromFolder is not null && Exists(fromFolder)) ? null : "no such file or folder in the repository";
        }

        return _names.Contains(mention) ? null : "no file of that name in the repository";
    }

    private bool Exists(string path) => _known.Contains(path) || _folders.Contains(path.TrimEnd('/'));

    private static string Folder(string file) => file.LastIndexOf('/') is var slash and >= 0 ? file[..slash] : "";

    /// <summary>Joins <paramref name="relative"/> to <paramref name="folder"/>; null when it climbs out of the root.</summary>
    private static string? Resolve(string folder, string relative)
    {
        var parts = new List<string>(folder.Split('/', StringSplitOptions.RemoveEmptyEntries));
        foreach (var part in relative.Split('/'))
        {
            switch (part)
            {
                case "" or ".":
                    break;
                case "..":
                    if (parts.Count == 0)
                    {
                        return null;
                    }

                    parts.RemoveAt(parts.Count - 1);
                    break;
                default:
                    parts.Add(part);
                    break;
            }
        }

        return string.Join('/', parts) + (relative.EndsWith('/') ? "/" : "");
    }

    private IReadOnlySet<string> Anchors(string markdownFile)
    {
        if (_anchors.TryGetValue(markdownFile, out var cached))
        {
            return cached;
        }

        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var fenced = false;
        foreach (var line in File.ReadLines(Path.Combine(_root, markdownFile)))
        {
            if (Fence().IsMatch(line))
            {
                fenced = !fenced;
                continue;
            }

            if (!fenced && Heading().Match(line) is { Success: true } heading)
            {
                var slug = Slug(heading.Groups["text"].Value);
                var n = counts.GetValueOrDefault(slug);
                counts[slug] = n + 1;
                anchors.Add(n == 0 ? slug : $"{slug}-{n}");
            }
        }

        _anchors[markdownFile] = anchors;
        return anchors;
    }

    /// <summary>GitHub's heading anchor: link text kept, lower case, punctuation dropped, spaces as hyphens.</summary>
    internal static string Slug(string heading)
    {
        var text = InlineLink().Replace(heading, m => m.Groups["text"].Value).Trim().ToLowerInvariant();
        var slug = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c) || c is '_' or '-')
            {
                slug.Append(c);
            }
            else if (c == ' ')
            {
                slug.Append('-');
            }
        }

        return slug.ToString();
    }

    [GeneratedRegex(@"^\s{0,3}(```|~~~)")]
    private static partial Regex Fence();

    [GeneratedRegex(@"`[^`]*`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"!?\[(?<text>[^\]]*)\]\(\s*<?(?<target>[^)\s>]+)>?(?:\s+""[^""]*"")?\s*\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"^\s{0,3}\[[^\]]+\]:\s*<?(?<target>[^\s>]+)")]
    private static partial Regex ReferenceDefinition();

    [GeneratedRegex(@"^\s{0,3}#{1,6}\s+(?<text>.*?)\s*#*\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9+.-]*:")]
    private static partial Regex Scheme();

    [GeneratedRegex(@"[a-zA-Z][a-zA-Z0-9+.-]*://[^\s)\]>""'`]+")]
    private static partial Regex Url();

    // A *.md name, with the path before it when there is one (absolute, ./, ../ or folders).
    [GeneratedRegex(@"(?<![\w/.-])(?:\.{0,2}/)?(?:[\w.-]+/)*[\w-][\w.-]*\.md(?![\w-])")]
    private static partial Regex MarkdownName();

    // A path through a docs/ folder.
    [GeneratedRegex(@"(?<![\w/.-])(?:\.{0,2}/)?(?:[\w.-]+/)*docs/[\w./-]*[\w-]")]
    private static partial Regex DocsPath();
}
