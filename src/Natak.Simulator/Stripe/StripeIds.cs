using System.Security.Cryptography;

namespace Natak.Simulator;

/// <summary>Stripe-shaped object ids: a type prefix and random letters and digits (<c>cs_test_a1B…</c>, <c>pi_3Q…</c>, <c>evt_1Q…</c>).</summary>
internal static class StripeIds
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string New(string prefix, int length = 24) => prefix + RandomNumberGenerator.GetString(Alphabet, length);
}
