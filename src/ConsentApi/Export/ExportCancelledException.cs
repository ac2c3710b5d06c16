namespace ConsentApi.Export;

/// <summary>The export was cancelled (DELETE on its status URL) while it ran.</summary>
public sealed class ExportCancelledException : Exception
{
    public ExportCancelledException()
        : base("The export was cancelled.")
    {
    }

    public ExportCancelledException(string message)
        : base(message)
    {
    }

    public ExportCancelledException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
