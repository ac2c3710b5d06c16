namespace ConsentApi.Consents;

public enum WriteKind
{
    Created,
    Updated,
    Deleted,

    /// <summary>Conditional create found one match and created nothing.</summary>
    ExistingMatched,

    /// <summary>Delete of a resource that was already deleted: nothing written.</summary>
    AlreadyDeleted,
}
