namespace ConsentApi.BulkChecks;

/// <summary>
/// A checked number and its decision packed in 64 bits, as spooled and stored in bulk_check_chunks: the NHS number
/// in the low 34 bits, the deciding policy's index + 1 in bits 40-47, then deny, overridden, and from-a-choice flags.
/// </summary>
public static class BulkFlags
{
    private const long NumberMask = (1L << 34) - 1;
    private const long Deny = 1L << 48;
    private const long Overridden = 1L << 49;
    private const long FromChoice = 1L << 50;

    public static long Pack(long nhs, int policyIndex, bool deny, bool overridden, bool fromChoice) =>
        nhs | ((long)(policyIndex + 1) << 40) | (deny ? Deny : 0) | (overridden ? Overridden : 0) | (fromChoice ? FromChoice : 0);

    public static long Number(long packed) => packed & NumberMask;

    /// <summary>The deciding policy's index in the catalogue, or -1 when no policy governs the purpose.</summary>
    public static int Policy(long packed) => (int)((packed >> 40) & 0xFF) - 1;

    public static bool IsDenied(long packed) => (packed & Deny) != 0;

    public static bool IsOverridden(long packed) => (packed & Overridden) != 0;
}
