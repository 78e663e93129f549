namespace Platform.Testing;

/// <summary>Waits on a condition, never on a fixed sleep.</summary>
public static class Eventually
{
    public static async Task Async(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition()) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
            {
                last = e;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"After {timeout.TotalSeconds:0} s: {what}.", last);
    }
}
