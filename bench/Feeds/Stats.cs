namespace Ddl.Bench.Feeds;

/// <summary>Order statistics of a sample, nearest-rank.</summary>
public sealed class Stats(IEnumerable<double> values)
{
    private readonly double[] sorted = values.Order().ToArray();

    public int Count => sorted.Length;

    public double Median => Percentile(50);

    public double P99 => Percentile(99);

    public double Max => sorted.Length == 0 ? double.NaN : sorted[^1];

    public double Percentile(double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
