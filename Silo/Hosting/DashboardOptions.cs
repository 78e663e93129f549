namespace Platform.Silo.Hosting;

/// <summary>
/// The Orleans dashboard (<c>Dashboard:*</c>) shows grain state, calls and live logs and has no
/// sign-in of its own: off unless enabled, and then answered to loopback callers only.
/// </summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    public bool Enabled { get; set; }
}
