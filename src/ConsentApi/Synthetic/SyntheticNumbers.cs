namespace ConsentApi.Synthetic;

/// <summary>
/// Synthetic NHS numbers: consecutive valid numbers from 910 000 000x upwards. Numbers beginning with 9 are not
/// issued to patients in England, so synthetic people can never share a number with a real one.
/// </summary>
public sealed class SyntheticNumbers
{
    private long _base = 910_000_000;

    public long Next()
    {
        while (true)
        {
            var first = _base++;
            var sum = 0;
            var rest = first;
            for (var weight = 2; weight <= 10; weight++)
            {
                sum += (int)(rest % 10) * weight;
                rest /= 10;
            }

            var check = 11 - (sum % 11);
            if (check == 10)
            {
                continue;
            }

            return (first * 10) + (check == 11 ? 0 : check);
        }
    }
}
