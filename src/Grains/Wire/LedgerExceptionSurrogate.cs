using Ddl.Ledger;

namespace Ddl.Grains.Wire;

/// <summary>
/// Refusals cross silo boundaries as data: the protocol core stays free of Orleans, so its
/// exception family gets its serializer here, through a surrogate that keeps the code.
/// </summary>
[GenerateSerializer]
public struct LedgerExceptionSurrogate
{
    [Orleans.Id(0)] public string Code;
    [Orleans.Id(1)] public string Message;
}

[RegisterConverter]
public sealed class LedgerExceptionConverter : IConverter<LedgerException, LedgerExceptionSurrogate>
{
    public LedgerException ConvertFromSurrogate(in LedgerExceptionSurrogate surrogate) =>
        new(surrogate.Code, surrogate.Message);

    public LedgerExceptionSurrogate ConvertToSurrogate(in LedgerException value) =>
        new() { Code = value.Code, Message = value.Message };
}
