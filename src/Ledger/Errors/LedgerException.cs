namespace Ddl.Ledger;

/// <summary>
/// The one exception family for refusals, protocol and domain alike. Clients switch on
/// <see cref="Code"/> (one of <see cref="ErrorCodes"/>), never on the message text.
/// </summary>
/// <remarks>Not sealed: domain code may subclass it to carry extra data.</remarks>
public class LedgerException : Exception
{
    public LedgerException(string code, string message, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
    }

    /// <summary>SCREAMING_SNAKE code, stable across versions.</summary>
    public string Code { get; }
}
