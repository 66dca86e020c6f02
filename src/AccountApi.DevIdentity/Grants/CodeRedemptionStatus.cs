namespace AccountApi.DevIdentity.Grants;

internal enum CodeRedemptionStatus
{
    Redeemed,
    Unknown,
    Expired,
    Reused,
    Refused,
    Spent,
}
