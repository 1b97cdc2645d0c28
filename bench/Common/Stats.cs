namespace Ddl.Bench.Common;

/// <summary>Order statistics of a sample, nearest-rank.</summary>
public sealed class Stats(IEnumerable<double> values)
{
    private readonly double[] _sorted = values.Order().ToArray();

    /// <summary>The sample, sorted; named as the constructor's parameter so that a saved result reads back.</summary>
    public IEnumerable<double> Values => _sorted;

    public int Count => _sorted.Length;

    public double Percentile(double p) =>
        _sorted.Length == 0 ? double.NaN : _sorted[Math.Clamp((int)Math.Ceiling(p / 100 * _sorted.Length) - 1, 0, _sorted.Length - 1)];

    public double Median => Percentile(50);

    public double P99 => Percentile(99);

    public double Max => _sorted.Length == 0 ? double.NaN : _sorted[^1];
}
