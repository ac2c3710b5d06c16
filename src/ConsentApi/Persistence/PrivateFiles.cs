namespace ConsentApi.Persistence;

/// <summary>
/// Files that hold people's data (the SQLite database and its log, bulk-check results and spools, exports) are the
/// registry's alone: folders 0700 and files 0600 on Unix, whatever the process's umask.
/// </summary>
public static class PrivateFiles
{
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the folder (and its parents) for the registry only, or narrows an existing one to 0700.</summary>
    public static string Folder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return path;
        }

        Directory.CreateDirectory(path, FolderMode);
        File.SetUnixFileMode(path, FolderMode);
        return path;
    }

    /// <summary>
    /// Makes an empty SQLite database file for the registry only, if there is none yet: SQLite then gives its -wal and
    /// -shm the same mode (an empty file is an empty database).
    /// </summary>
    public static string DatabaseFile(string path)
    {
        if (!File.Exists(path))
        {
            try
            {
                using var created = new FileStream(path, Create(FileOptions.None));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Made meanwhile by another process starting on the same folder.
            }
        }

        return path;
    }

    /// <summary>Narrows files already in the folder (a database made before, its -wal and -shm) to 0600.</summary>
    public static void NarrowFiles(string folder)
    {
        if (OperatingSystem.IsWindows() || !Directory.Exists(folder))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(folder))
        {
            File.SetUnixFileMode(file, FileMode);
        }
    }

    /// <summary>Options to create a new file readable and writable by the registry only.</summary>
    public static FileStreamOptions Create(FileOptions options = FileOptions.Asynchronous)
    {
        var create = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.ReadWrite, Share = FileShare.None, Options = options };
        if (!OperatingSystem.IsWindows())
        {
            create.UnixCreateMode = FileMode;
        }

        return create;
    }
}
