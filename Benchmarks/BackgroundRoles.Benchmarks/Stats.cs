using System.Globalization;

namespace BackgroundRoles.Benchmarks;

/// <summary>Order statistics over samples in milliseconds, and their Markdown formatting.</summary>
internal sealed class Stats
{
    private readonly double[] _sorted;

    public Stats(IEnumerable<double> samples)
    {
        _sorted = samples.Order().ToArray();
        if (_sorted.Length == 0)
        {
            throw new ArgumentException("No samples.", nameof(samples));
        }
    }

    public int Count => _sorted.Length;

    /// <summary>The samples, in ascending order.</summary>
    public IReadOnlyList<double> Samples => _sorted;

    public double Min => _sorted[0];

    public double Max => _sorted[^1];

    public double Median => _sorted.Length % 2 == 1
        ? _sorted[_sorted.Length / 2]
        : (_sorted[(_sorted.Length / 2) - 1] + _sorted[_sorted.Length / 2]) / 2;

    /// <summary>The nearest-rank percentile: the smallest sample with at least <paramref name="p"/>% of the samples at or below it.</summary>
    public double Percentile(double p) => _sorted[Math.Clamp((int)Math.Ceiling(p / 100 * _sorted.Length) - 1, 0, _sorted.Length - 1)];

    public static string Ms(double value, int decimals = 1) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string Ratio(double value, double baseline) =>
        baseline > 0 ? (value / baseline).ToString("F2", CultureInfo.InvariantCulture) + "×" : "n/a";
}
