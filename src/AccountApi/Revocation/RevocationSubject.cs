namespace AccountApi.Revocation;

/// <summary>Whose tokens a cut-off revokes: an object (user or service principal) in a directory, as Entra names them.</summary>
/// <param name="DirectoryId">The directory, the token's <c>tid</c>.</param>
/// <param name="ObjectId">The object in it, the token's <c>oid</c>.</param>
public readonly record struct RevocationSubject(Guid DirectoryId, Guid ObjectId)
{
    /// <summary>A stable text form, <c>{tid}/{oid}</c> with lower-case GUIDs, for keys and logs.</summary>
    public override string ToString() => $"{DirectoryId:D}/{ObjectId:D}";
}
