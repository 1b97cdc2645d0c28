using System.Security.Cryptography;
using System.Text;

namespace Ddl.Ledger.Tests.Support;

/// <summary>Deterministic keys, so failures reproduce: the seed is SHA-256 of a label.</summary>
internal static class TestKeys
{
    public static SigningKey Key(string id, string? label = null) =>
        SigningKey.FromSeed(id, SHA256.HashData(Encoding.UTF8.GetBytes(label ?? id)));
}
