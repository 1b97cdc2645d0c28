using Xunit;
using System.Numerics;
using Ddl.Store.Reports.Statistics;

namespace Ddl.Store.Tests.Reports;

/// <summary>
/// Public statistics never leak a count from 1 to 10: not directly, and not through the totals.
/// The check here is independent of the implementation's: exact fractions instead of doubles, and
/// "determined" tested as "not changed by any table that agrees with everything published"
/// (a null-space vector of the suppressed entries that moves the cell).
/// </summary>
public sealed class SuppressionTests
{
    [Fact]
    public void no_published_value_is_between_one_and_ten_and_no_suppressed_value_can_be_worked_out_from_the_totals()
    {
        var random = new Random(6);
        for (var trial = 0; trial < 400; trial++)
        {
            var rows = random.Next(1, 6);
            var columns = random.Next(1, 6);
            var cells = new long[rows, columns];
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < columns; c++)
                {
                    cells[r, c] = random.Next(4) switch { 0 => 0, 1 => random.Next(1, 11), _ => random.Next(11, 60) };
                }
            }

            var table = StatisticsTableOf(cells, rows, columns);
            var month = PublicStatistics.Table("2026-01", table);
            var published = month.Cells.Concat(month.ClassTotals).Concat(month.RegionTotals).Select(c => c.Count).Append(month.Total);
            Assert.DoesNotContain(published, v => v is >= 1 and <= 10);

            var hidden = Suppression.Suppress(cells);
            Assert.Empty(DeterminedHiddenEntries(hidden, rows, columns));
        }
    }

    [Fact]
    public void a_lone_small_cell_in_a_row_takes_a_complement_so_the_row_total_does_not_give_it_away()
    {
        var hidden = Suppression.Suppress(new long[,] { { 5, 40, 30 }, { 20, 25, 35 } });
        Assert.True(hidden[0, 0]);
        Assert.True(Enumerable.Range(1, 3).Count(c => hidden[0, c]) >= 1);
        Assert.True(Enumerable.Range(0, 3).Count(r => hidden[r, 0]) >= 2);
    }

    private static IEnumerable<(string, string, long)> StatisticsTableOf(long[,] cells, int rows, int columns)
    {
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                yield return ($"A0{r}A", $"region-{c}", cells[r, c]);
            }
        }
    }

    /// <summary>Hidden entries whose value every table agreeing with the published entries shares.</summary>
    private static List<(int, int)> DeterminedHiddenEntries(bool[,] hidden, int rows, int columns)
    {
        var unknowns = new List<(int R, int C)>();
        for (var r = 0; r <= rows; r++)
        {
            for (var c = 0; c <= columns; c++)
            {
                if (hidden[r, c])
                {
                    unknowns.Add((r, c));
                }
            }
        }

        // Equations over the unknowns: each row and column of the extended table sums to its last entry.
        var equations = new List<Fraction[]>();
        for (var r = 0; r <= rows; r++)
        {
            equations.Add([.. unknowns.Select(u => u.R != r ? Fraction.Zero : u.C == columns ? -Fraction.One : Fraction.One)]);
        }

        for (var c = 0; c <= columns; c++)
        {
            equations.Add([.. unknowns.Select(u => u.C != c ? Fraction.Zero : u.R == rows ? -Fraction.One : Fraction.One)]);
        }

        // Null space basis by exact Gauss-Jordan elimination; a variable is free or a pivot.
        var pivotOf = new Dictionary<int, int>();
        var row = 0;
        for (var col = 0; col < unknowns.Count && row < equations.Count; col++)
        {
            var p = Enumerable.Range(row, equations.Count - row).FirstOrDefault(i => !equations[i][col].IsZero, -1);
            if (p < 0)
            {
                continue;
            }

            (equations[row], equations[p]) = (equations[p], equations[row]);
            var lead = equations[row][col];
            equations[row] = [.. equations[row].Select(v => v / lead)];
            for (var i = 0; i < equations.Count; i++)
            {
                if (i != row && !equations[i][col].IsZero)
                {
                    var f = equations[i][col];
                    equations[i] = [.. equations[i].Select((v, k) => v - f * equations[row][k])];
                }
            }

            pivotOf[col] = row++;
        }

        var free = Enumerable.Range(0, unknowns.Count).Where(k => !pivotOf.ContainsKey(k)).ToList();
        // An unknown can change without changing anything published iff some null-space vector moves it.
        var movable = new HashSet<int>(free);
        foreach (var (col, r) in pivotOf)
        {
            if (free.Any(f => !equations[r][f].IsZero))
            {
                movable.Add(col);
            }
        }

        return [.. Enumerable.Range(0, unknowns.Count).Where(k => !movable.Contains(k)).Select(k => unknowns[k])];
    }

    private readonly record struct Fraction(BigInteger N, BigInteger D)
    {
        public static readonly Fraction Zero = new(0, 1);
        public static readonly Fraction One = new(1, 1);

        public bool IsZero => N.IsZero;

        private static Fraction Of(BigInteger n, BigInteger d)
        {
            if (d.Sign < 0)
            {
                (n, d) = (-n, -d);
            }

            var g = BigInteger.GreatestCommonDivisor(n, d);
            return g.IsZero ? Zero : new Fraction(n / g, d / g);
        }

        public static Fraction operator -(Fraction a) => new(-a.N, a.D);
        public static Fraction operator -(Fraction a, Fraction b) => Of(a.N * b.D - b.N * a.D, a.D * b.D);
        public static Fraction operator *(Fraction a, Fraction b) => Of(a.N * b.N, a.D * b.D);
        public static Fraction operator /(Fraction a, Fraction b) => Of(a.N * b.D, a.D * b.N);
    }
}
