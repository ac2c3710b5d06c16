namespace ConsentApi.Export;

/// <summary>One file of an export's manifest: the type it holds, its name and how many lines it has.</summary>
public sealed record ExportOutput(string Type, string File, long Count);
