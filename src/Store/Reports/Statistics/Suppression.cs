namespace Ddl.Store.Reports.Statistics;

/// <summary>
/// Small-count suppression of one table with its margins: cells[row, column] plus row totals,
/// column totals and the grand total, all published. Every value from 1 to 10 is suppressed
/// (primary), then more values (complementary) until no suppressed value can be worked out from
/// the published ones: each row and column (totals included) holds 0 or at least 2 suppressed
/// values, and an exact check over the table's linear equations finds no suppressed value that
/// the published ones determine. Ties are broken by position, so the same table always gets the
/// same pattern (two different patterns of one table could be combined to undo each other).
/// </summary>
public static class Suppression
{
    /// <summary>The smallest count published as is; 1 to this minus one are suppressed.</summary>
    public const int Threshold = 11;

    /// <summary>
    /// Which entries of the extended table (rows + 1 by columns + 1: the last row holds the column
    /// totals, the last column the row totals) are suppressed.
    /// </summary>
    public static bool[,] Suppress(long[,] cells)
    {
        var rows = cells.GetLength(0);
        var columns = cells.GetLength(1);
        var table = new long[rows + 1, columns + 1];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                table[r, c] = cells[r, c];
                table[r, columns] += cells[r, c];
                table[rows, c] += cells[r, c];
                table[rows, columns] += cells[r, c];
            }
        }

        var hidden = new bool[rows + 1, columns + 1];
        for (var r = 0; r <= rows; r++)
        {
            for (var c = 0; c <= columns; c++)
            {
                hidden[r, c] = table[r, c] is > 0 and < Threshold;
            }
        }

        var lines = Lines(rows, columns);
        while (true)
        {
            var changed = false;
            foreach (var line in lines)
            {
                if (line.Count(p => hidden[p.R, p.C]) == 1)
                {
                    HideSmallest(line, table, hidden);
                    changed = true;
                }
            }

            if (changed)
            {
                continue;
            }

            var exposed = Determined(lines, hidden, rows, columns);
            if (exposed is null)
            {
                return hidden;
            }

            // A suppressed value the others give away: hide one more in one of its lines, or
            // anywhere when both of its lines are hidden already.
            var open = lines.FirstOrDefault(l => l.Contains(exposed.Value) && l.Any(p => !hidden[p.R, p.C]))
                ?? [.. lines.SelectMany(l => l).Distinct().Where(p => !hidden[p.R, p.C])];
            if (open.Count == 0)
            {
                return hidden;
            }

            HideSmallest(open, table, hidden);
        }
    }

    private static void HideSmallest(List<(int R, int C)> line, long[,] table, bool[,] hidden)
    {
        // Prefer a non-zero value: hiding a zero protects less (a zero often is what one guesses).
        var candidates = line.Where(p => !hidden[p.R, p.C]).ToList();
        var pick = candidates.Where(p => table[p.R, p.C] > 0).OrderBy(p => table[p.R, p.C]).ThenBy(p => p.R).ThenBy(p => p.C)
            .Concat(candidates.OrderBy(p => p.R).ThenBy(p => p.C)).First();
        hidden[pick.R, pick.C] = true;
    }

    /// <summary>Every row and every column of the extended table: each sums to its last entry.</summary>
    private static List<List<(int R, int C)>> Lines(int rows, int columns)
    {
        var lines = new List<List<(int, int)>>();
        for (var r = 0; r <= rows; r++)
        {
            lines.Add([.. Enumerable.Range(0, columns + 1).Select(c => (r, c))]);
        }

        for (var c = 0; c <= columns; c++)
        {
            lines.Add([.. Enumerable.Range(0, rows + 1).Select(r => (r, c))]);
        }

        return lines;
    }

    /// <summary>
    /// A suppressed entry that the published entries determine, or null. The unknowns are the
    /// suppressed entries and each line gives one equation over them (the published values are
    /// constants). In the reduced row echelon form, an unknown is determined exactly when it is a
    /// pivot whose row has no other non-zero coefficient.
    /// </summary>
    private static (int R, int C)? Determined(List<List<(int R, int C)>> lines, bool[,] hidden, int rows, int columns)
    {
        var unknowns = new List<(int R, int C)>();
        var index = new Dictionary<(int, int), int>();
        for (var r = 0; r <= rows; r++)
        {
            for (var c = 0; c <= columns; c++)
            {
                if (hidden[r, c])
                {
                    index[(r, c)] = unknowns.Count;
                    unknowns.Add((r, c));
                }
            }
        }

        if (unknowns.Count == 0)
        {
            return null;
        }

        // Line coefficients: +1 for its members, -1 for its total (the last entry).
        var matrix = new List<double[]>();
        foreach (var line in lines)
        {
            var row = new double[unknowns.Count];
            for (var i = 0; i < line.Count; i++)
            {
                if (index.TryGetValue(line[i], out var u))
                {
                    row[u] += i == line.Count - 1 ? -1 : 1;
                }
            }

            if (row.Any(v => v != 0))
            {
                matrix.Add(row);
            }
        }

        var pivots = new List<(int Row, int Column)>();
        var lead = 0;
        for (var col = 0; col < unknowns.Count && lead < matrix.Count; col++)
        {
            var pivot = Enumerable.Range(lead, matrix.Count - lead).FirstOrDefault(r => Math.Abs(matrix[r][col]) > 1e-9, -1);
            if (pivot < 0)
            {
                continue;
            }

            (matrix[lead], matrix[pivot]) = (matrix[pivot], matrix[lead]);
            var scale = matrix[lead][col];
            for (var k = 0; k < unknowns.Count; k++)
            {
                matrix[lead][k] /= scale;
            }

            for (var r = 0; r < matrix.Count; r++)
            {
                if (r != lead && Math.Abs(matrix[r][col]) > 1e-9)
                {
                    var factor = matrix[r][col];
                    for (var k = 0; k < unknowns.Count; k++)
                    {
                        matrix[r][k] -= factor * matrix[lead][k];
                    }
                }
            }

            pivots.Add((lead, col));
            lead++;
        }

        foreach (var (row, col) in pivots)
        {
            if (Enumerable.Range(0, unknowns.Count).All(k => k == col || Math.Abs(matrix[row][k]) < 1e-9))
            {
                return unknowns[col];
            }
        }

        return null;
    }
}
