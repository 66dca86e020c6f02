namespace AccountApi.RateLimiting;

/// <summary>
/// Endpoint metadata: an operator's route (it writes state every instance holds), counted against the strict
/// <see cref="RateLimitOptions.PerOperator"/> budget of the calling application, besides its per-caller budget.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method | AttributeTargets.Delegate)]
public sealed class OperatorRouteAttribute : Attribute;
