using System.Diagnostics;
using SaferCity.Core.Reminders;
using SaferCity.Integration.Tests.Email;
using SaferCity.Integration.Tests.Stack;

namespace SaferCity.Integration.Tests.Reliability;

/// <summary>
/// The process dies between sending and recording: the real CLI, as a child process, sending to the fake SendGrid,
/// is killed while SendGrid holds one digest. The ledger recorded the intent before the send, so the next run knows
/// it may have gone: it is reported to the coordinator as unconfirmed and not resent; everything else goes exactly once.
/// </summary>
public sealed class ProcessKillTests : IAsyncLifetime
{
    private const string Week = "2017-W03";
    private TestStack stack = null!;
    private FakeSendGrid sendGrid = null!;

    /// <summary>Only the fake SendGrid: the CLI reads the sample files it is given and writes to the stack's folder.</summary>
    public async Task InitializeAsync()
    {
        stack = await TestStack.StartAsync(TrackerFrom.Unset);
        sendGrid = stack.SendGrid;
    }

    public async Task DisposeAsync() => await stack.DisposeAsync();

    private string[] RunArgs => ["run", "--as-of", "2017-01-16", "--out", stack.Root, "--tracker", SampleFiles.Tracker, "--leads", SampleFiles.Leads];

    [Fact]
    public async Task Run_KilledWhileSendGridHoldsADigest_NextRunReportsItUnconfirmedAndSendsEveryOtherExactlyOnce()
    {
        Process? running = null;
        var held = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var seen = new List<string>();
        // The third digest is received and never answered; the process is killed right there, while that send is in flight.
        sendGrid.Script = r =>
        {
            lock (seen)
            {
                if (!seen.Contains(r.DigestId)) seen.Add(r.DigestId);
                if (seen.Count != 3 || seen[2] != r.DigestId) return null;
            }
            running!.Kill(entireProcessTree: true);
            held.TrySetResult(r.DigestId);
            return FakeSendGrid.Hang();
        };

        using (var first = Process.Start(stack.Cli(RunArgs))!)
        {
            running = first;
            var stderr = first.StandardError.ReadToEndAsync();
            _ = first.StandardOutput.ReadToEndAsync();
            using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2)); // hang guard
            await first.WaitForExitAsync(guard.Token);
            Assert.True(held.Task.IsCompleted, $"the third digest never reached SendGrid: {await stderr}");
            Assert.NotEqual(0, first.ExitCode); // killed, not finished
        }
        var victim = await held.Task;
        var ledgerPath = Path.Combine(stack.Root, "state", "ledger", $"{Week}.json");
        var afterKill = ReminderLedger.Deserialize(File.ReadAllBytes(ledgerPath)); // whole, and parseable
        Assert.Equal(DeliveryState.Sending, afterKill.ForDigest(victim.Split('/')[1])!.State);
        Assert.Equal(2, afterKill.Entries.Values.Count(e => e.State == DeliveryState.Sent));

        sendGrid.Script = _ => null;
        var second = await stack.RunCliProcessAsync(RunArgs);
        Assert.True(second.ExitCode == 0, second.StdErr);

        Assert.Contains($"Digests for {Week}: 5 sent, 2 already sent this week, 0 failed, 1 unconfirmed.", second.StdOut);
        var perDigest = sendGrid.Requests.GroupBy(r => r.DigestId).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(8, perDigest.Count);
        Assert.All(perDigest, d => Assert.True(d.Value == 1, $"{d.Key}: {d.Value} requests"));
        Assert.Equal(8, sendGrid.AcceptedRequests.Count); // the held one too: SendGrid had the whole request, the answer never came
        var summary = sendGrid.AcceptedRequests.Single(r => r.DigestId == $"{Week}/coordinator").Text;
        Assert.Contains($"Digest for {victim.Split('/')[1]} may not have gone out", summary);
        Assert.Equal(DeliveryState.Sending, ReminderLedger.Deserialize(File.ReadAllBytes(ledgerPath)).ForDigest(victim.Split('/')[1])!.State);
    }
}
