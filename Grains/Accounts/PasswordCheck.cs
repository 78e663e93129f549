namespace Platform.Grains.Accounts;

public enum PasswordCheck
{
    Wrong,
    Right,
    RightButRehash,
}
