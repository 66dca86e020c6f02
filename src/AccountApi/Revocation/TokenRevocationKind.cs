namespace AccountApi.Revocation;

/// <summary>The two kinds of revocation.</summary>
public enum TokenRevocationKind
{
    /// <summary>One token, by its digest (a refresh replaced it, or its grant was reused).</summary>
    Token,

    /// <summary>Every token of a subject issued before a cut-off (the user signed out everywhere, or an operator cut them off).</summary>
    Subject,
}
