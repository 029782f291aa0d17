using Azure.Storage.Blobs.Specialized;
using Microsoft.Azure.WebJobs.Script.Grpc.Messages;
using SaferCity.Core.Reminders;
using SaferCity.Functions.HostTests.Host;
using SaferCity.Integration.Tests.Email;
using SaferCity.Integration.Tests.Storage;

namespace SaferCity.Functions.HostTests;

/// <summary>
/// The host stops a run part-way, while SendGrid holds the third digest: by InvocationCancel (function timeout,
/// host shutting down) or by ending the worker process (scale-in, a deployment). The reliability suite's promise
/// must hold through the real worker: the held digest is never resent but named to the coordinator as
/// unconfirmed, and every other digest goes exactly once across both runs.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class WorkerCancellationTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Week = "2017-W03";
    private static readonly DateTimeOffset MondaySeven = new(2017, 1, 16, 7, 0, 0, TimeSpan.Zero);
    private readonly TaskCompletionSource<string> held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private HostedApp app = null!;

    public async Task InitializeAsync()
    {
        app = await HostedApp.StartAsync(azurite);
        var seen = new List<string>();
        app.SendGrid.Script = r =>
        {
            lock (seen)
            {
                if (!seen.Contains(r.DigestId)) seen.Add(r.DigestId);
                if (seen.Count != 3 || seen[2] != r.DigestId) return null;
            }
            held.TrySetResult(r.DigestId);
            return FakeSendGrid.HangUntil(release.Task);
        };
    }

    public async Task DisposeAsync()
    {
        release.TrySetResult();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task SendReminders_HostCancelsWhileSendGridHoldsADigest_NextRunReportsItUnconfirmedAndSendsEveryOtherOnce()
    {
        await app.StartWorkerAsync(MondaySeven);
        var invocation = Guid.NewGuid().ToString();
        var running = app.FireTimerAsync("SendReminders", MondaySeven, invocation);
        var victim = await WithGuard(held.Task);

        await app.Host.CancelAsync(invocation);
        var cancelled = await WithGuard(running);

        Assert.NotEqual(StatusResult.Types.Status.Success, cancelled.Result.Status);
        var retry = await app.FireTimerAsync("SendReminders", MondaySeven.AddMinutes(5)); // the host's retry, same worker
        Assert.True(retry.Result.Status == StatusResult.Types.Status.Success, $"{retry.Result.Exception?.Message}\n{app.Host.LogText}");
        await AssertHeldDigestUnconfirmedAndEveryOtherSentOnceAsync(victim);
    }

    [Fact]
    public async Task SendReminders_WorkerEndsWhileSendGridHoldsADigest_NextWorkerReportsItUnconfirmedAndSendsEveryOtherOnce()
    {
        await app.StartWorkerAsync(MondaySeven);
        _ = app.FireTimerAsync("SendReminders", MondaySeven).ContinueWith(_ => { }); // never answered: the process ends
        var victim = await WithGuard(held.Task);

        app.Host.Worker!.Kill(entireProcessTree: true);
        Assert.NotEqual(0, await app.Host.WaitForExitAsync());

        // The dead worker's run lock is a 60 s Blob lease; Azure's retry comes 5 minutes later, after it has lapsed.
        // Breaking it stands in for that wait (the lock's own expiry is proven by the reliability suite).
        await app.State.GetBlobClient("run.lock").GetBlobLeaseClient().BreakAsync(TimeSpan.Zero);
        await app.StartWorkerAsync(MondaySeven.AddMinutes(5));
        var retry = await app.FireTimerAsync("SendReminders", MondaySeven.AddMinutes(5));

        Assert.True(retry.Result.Status == StatusResult.Types.Status.Success, $"{retry.Result.Exception?.Message}\n{app.Host.LogText}");
        await AssertHeldDigestUnconfirmedAndEveryOtherSentOnceAsync(victim);
    }

    private async Task AssertHeldDigestUnconfirmedAndEveryOtherSentOnceAsync(string victim)
    {
        var lead = victim.Split('/')[1];
        var stored = await app.State.GetBlobClient(ReminderLedger.DocumentName(Week)).DownloadContentAsync();
        var ledger = ReminderLedger.Deserialize(stored.Value.Content.ToArray());
        // Ledger lines are keyed by the leads list's item id; each names its digest.
        Assert.Equal(DeliveryState.Sending, Assert.Single(ledger.Entries.Values, e => e.Digest == lead).State);
        var perDigest = app.SendGrid.Requests.GroupBy(r => r.DigestId).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(perDigest, d => Assert.True(d.Value == 1, $"{d.Key}: {d.Value} requests"));
        // SendGrid took every digest once, the held one too (the fake counts a held request as accepted: only its
        // answer never reached the app). The app could not know that, so it calls it unconfirmed, not sent.
        Assert.Equal(perDigest.Keys.Order(), app.SendGrid.AcceptedRequests.Select(r => r.DigestId).Order());
        Assert.Contains(victim, perDigest.Keys);
        var summary = app.SendGrid.AcceptedRequests.Single(r => r.DigestId == $"{Week}/coordinator").Text;
        Assert.Contains($"Digest for {lead} may not have gone out", summary);
    }

    private static async Task<T> WithGuard<T>(Task<T> task)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2)); // hang guard, not a timing claim
        return await task.WaitAsync(guard.Token);
    }
}
