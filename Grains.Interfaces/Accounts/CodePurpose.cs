namespace Platform.Grains.Interfaces.Accounts;

public enum CodePurpose
{
    SignIn = 0,
    VerifyEmail = 1,
    /// <summary>A code and a link that set a new password (<c>password/forgot</c>); only verified accounts get one.</summary>
    ResetPassword = 2,
}
