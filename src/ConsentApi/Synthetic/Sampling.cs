namespace ConsentApi.Synthetic;

/// <summary>The few distributions the generator draws from, on a seeded <see cref="Random"/>.</summary>
public static class Sampling
{
    public static double Normal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>A log-normal draw with the given mean and log-scale spread.</summary>
    public static double LogNormal(Random random, double mean, double sigma) =>
        Math.Exp(Math.Log(mean) - (sigma * sigma / 2) + (sigma * Normal(random)));

    /// <summary>A Poisson count: by multiplying uniforms for small means, from the normal approximation above 30.</summary>
    public static int Poisson(Random random, double mean)
    {
        if (mean <= 0)
        {
            return 0;
        }

        if (mean > 30)
        {
            return Math.Max(0, (int)Math.Round(mean + Math.Sqrt(mean) * Normal(random)));
        }

        var limit = Math.Exp(-mean);
        var count = 0;
        var product = random.NextDouble();
        while (product > limit)
        {
            count++;
            product *= random.NextDouble();
        }

        return count;
    }

    /// <summary>An index drawn with probability proportional to <paramref name="cumulative"/> steps.</summary>
    public static int Pick(Random random, double[] cumulative)
    {
        var target = random.NextDouble() * cumulative[^1];
        var index = Array.BinarySearch(cumulative, target);
        return Math.Min(index < 0 ? ~index : index, cumulative.Length - 1);
    }

    public static double[] Cumulative(IEnumerable<double> weights)
    {
        var total = 0.0;
        return [.. weights.Select(w => total += w)];
    }

    /// <summary>A deterministic version-4-shaped GUID from the seeded generator.</summary>
    public static Guid Guid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
