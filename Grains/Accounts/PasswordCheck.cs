using System.Security.Cryptography;
using System.Text;

namespace Platform.Grains.Accounts;

public enum PasswordCheck
{
    Wrong,
    Right,
    RightButRehash,
}
