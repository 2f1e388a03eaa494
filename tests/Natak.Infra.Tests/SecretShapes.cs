using System.Text.RegularExpressions;

namespace Natak.Infra.Tests;

/// <summary>
/// Recognises names that denote secrets and values shaped like credentials, so a test can scan a template,
/// a parameter file or host.json for anything that should have been a Key Vault reference.
/// </summary>
internal static partial class SecretShapes
{
    private static readonly HashSet<string> SecretWords = new(StringComparer.Ordinal)
    {
        "key", "keys", "apikey", "secret", "secrets", "password", "passwd", "pwd", "token", "connectionstring", "sas",
    };

    // A name that ends in one of these points at a secret (its name, its address) rather than holding one.
    private static readonly HashSet<string> ReferenceSuffixes = new(StringComparer.Ordinal)
    {
        "name", "names", "uri", "url", "type",
    };

    private static readonly string[] ValueMarkers =
    [
        "AccountKey=", "SharedAccessKey=", "SharedAccessSignature=", "sig=", "Password=", "Pwd=", "-----BEGIN",
    ];

    private static readonly string[] KeyPrefixes = ["whsec_", "xai-", "sk-", "eyJ"];

    /// <summary>True when a setting or parameter name says it holds a secret: FAL_KEY, ApiKey, WebhookSecret, ConnectionString...</summary>
    public static bool IsSecretName(string name)
    {
        var words = Words(name);
        if (words.Count == 0 || ReferenceSuffixes.Contains(words[^1]))
        {
            return false;
        }

        for (var i = 0; i < words.Count; i++)
        {
            var next = i + 1 < words.Count ? words[i + 1] : null;
            if (words[i] == "key" && next == "vault")
            {
                continue;
            }

            if (SecretWords.Contains(words[i]) || (words[i] == "connection" && next == "string"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when a literal looks like a credential: a key-bearing connection string, a known key prefix, or a long random token.</summary>
    public static bool LooksLikeSecretValue(string value)
    {
        var v = value.Trim();
        if (ValueMarkers.Any(m => v.Contains(m, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        foreach (var prefix in KeyPrefixes)
        {
            if (v.StartsWith(prefix, StringComparison.Ordinal) && v.Length >= prefix.Length + 16 && TokenCharacters().IsMatch(v[prefix.Length..]))
            {
                return true;
            }
        }

        return v.Length >= 24
            && !Guid.TryParse(v, out _)
            && TokenCharacters().IsMatch(v)
            && v.Any(char.IsDigit)
            && v.Any(char.IsLetter)
            && BitsPerCharacter(v) >= 3.0;
    }

    /// <summary>The quoted string literals inside an ARM expression, or the value itself when it is a literal.</summary>
    public static IEnumerable<string> Literals(string value) => ArmTemplate.IsExpression(value)
        ? QuotedInExpression().Matches(value).Select(m => m.Groups[1].Value.Replace("''", "'", StringComparison.Ordinal))
        : [value];

    private static List<string> Words(string name) =>
        WordBoundary().Split(name).Where(w => w.Length > 0).Select(w => w.ToLowerInvariant()).ToList();

    private static double BitsPerCharacter(string value) =>
        value.GroupBy(c => c)
            .Select(g => (double)g.Count() / value.Length)
            .Sum(p => -p * Math.Log2(p));

    [GeneratedRegex(@"(?<=[a-z0-9])(?=[A-Z])|[_\-.:\s]+")]
    private static partial Regex WordBoundary();

    [GeneratedRegex(@"^[A-Za-z0-9+/=_:\-]+$")]
    private static partial Regex TokenCharacters();

    [GeneratedRegex(@"'((?:[^']|'')*)'")]
    private static partial Regex QuotedInExpression();
}
