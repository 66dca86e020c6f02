namespace AccountApi.DevIdentity.Protocol;

/// <summary>How the authorize endpoint returns its result to the client (OAuth 2.0 Multiple Response Types, Form Post).</summary>
internal static class ResponseModes
{
    /// <summary>The default for <c>response_type=code</c>.</summary>
    public const string Query = "query";
    public const string Fragment = "fragment";
    public const string FormPost = "form_post";

    public static IReadOnlyList<string> All { get; } = [Query, Fragment, FormPost];
}
