using System.Text.Json;
using System.Text.RegularExpressions;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Reminders;
using SaferCity.Integration.Tests.Stack;

namespace SaferCity.Integration.Tests.Email;

/// <summary>
/// The whole pipeline through the real composition, sending the sample's digests (as of 2017-01-16) with the
/// real SendGrid client to the fake server, and the reminder ledger deciding what goes out: exactly once.
/// </summary>
public sealed partial class ReminderDeliveryTests : IAsyncLifetime
{
    private const string ApiKey = TestStack.ApiKey;
    private const string Coordinator = TestStack.Coordinator;
    private static readonly DateOnly AsOf = new(2017, 1, 16);

    /// <summary>What the CLI writes to the outbox for the sample: each lead's addresses and action numbers.</summary>
    private static readonly Dictionary<string, (string[] To, string[] Actions)> Expected = new()
    {
        ["city-of-london-police"] = (["partnerships@police.example.gov.uk", "crime.prevention@police.example.gov.uk"],
            ["2.5", "4.2", "2.7", "3.1", "3.2", "3.7", "3.8"]),
        ["community-safety-team"] = (["community.safety@example.gov.uk"], ["2.5", "4.2", "3.1", "3.8"]),
        ["department-of-community-and-children-s-services"] = (["dccs.safeguarding@example.gov.uk"], ["3.7"]),
        ["housing"] = (["housing.options@example.gov.uk"], ["4.2"]),
        ["licensing"] = (["licensing@example.gov.uk"], ["4.2", "2.7"]),
        ["london-ambulance-service"] = (["nte.liaison@ambulance.example.nhs.uk"], ["2.5"]),
        ["trading-standards"] = (["trading.standards@example.gov.uk"], ["3.4"]),
    };

    private readonly InstantDelays _time = new(new DateTimeOffset(2017, 1, 16, 7, 0, 0, TimeSpan.Zero));
    private TestStack _stack = null!;
    private FakeSendGrid _fake = null!;

    /// <summary>The sample files, digests through the fake SendGrid, site and state in folders.</summary>
    public async Task InitializeAsync()
    {
        _stack = await TestStack.StartAsync(TrackerFrom.SampleFiles);
        _stack.Settings["SendGrid:MaxAttempts"] = "3";
        _stack.Settings["SendGrid:MaxDelay"] = "00:00:02";
        _fake = _stack.SendGrid;
    }

    public async Task DisposeAsync() => await _stack.DisposeAsync();

    private async Task<RunOutcome> RunAsync(Dictionary<string, string?>? extra = null)
    {
        foreach (var (k, v) in extra ?? []) _stack.Settings[k] = v;
        return await _stack.RunAsync(AsOf, _time);
    }

    private static string Key(RecordedRequest r) => r.DigestId.Split('/')[1];

    private static IEnumerable<string> ActionNumbers(string text) => ActionLine().Matches(text).Select(m => m.Groups[1].Value);

    [GeneratedRegex(@"^- (\d+\.\d+): ", RegexOptions.Multiline)]
    private static partial Regex ActionLine();

    private LedgerEntry Ledger(string key)
    {
        var ledger = ReminderLedger.Deserialize(File.ReadAllBytes(Path.Combine(_stack.Root, "state", "ledger", "2017-W03.json")));
        return ledger.ForDigest(key) ?? throw new Xunit.Sdk.XunitException($"No ledger entry for {key}");
    }

    [Fact]
    public async Task Run_SampleWithKey_OneRequestPerLeadWithSomethingToActOnPlusTheCoordinator()
    {
        var outcome = await RunAsync();

        Assert.Equal(RunStatus.Completed, outcome.Status);
        var requests = _fake.Requests;
        Assert.Equal(Expected.Keys.Append(CoordinatorSummary.Key).Order(), requests.Select(Key).Order());
        foreach (var request in requests.Where(r => Key(r) != CoordinatorSummary.Key))
        {
            var (to, actions) = Expected[Key(request)];
            Assert.Equal(1, request.PersonalizationCount);
            Assert.Equal(to, request.To);
            Assert.Equal(actions.Order(), ActionNumbers(request.Text).Order());
            Assert.Equal(["safercity", "digest"], request.Categories);
            Assert.Equal("2017-W03", request.CustomArgs["week"]);
            Assert.Contains("Week beginning 16 January 2017.", request.Text); // the week is in the body; the subject says what is new
        }
        var summary = requests.Single(r => Key(r) == CoordinatorSummary.Key);
        Assert.Equal([Coordinator], summary.To);
        Assert.Equal(["safercity", "coordinator"], summary.Categories);
        Assert.All(Expected.Keys, k => Assert.Equal(DeliveryState.Sent, Ledger(k).State));
        Assert.False(Directory.Exists(Path.Combine(_stack.Root, "out", "outbox")), "nothing goes to the outbox when SendGrid is configured");
    }

    [Fact]
    public async Task Run_RateLimitedOnFirstAttempt_RetriedAndCountedOnce()
    {
        _fake.Script = r => Key(r) == "licensing" && !_fake.Requests.Any(p => p.Number < r.Number && Key(p) == "licensing")
            ? FakeSendGrid.RateLimited(retryAfterSeconds: 1)
            : null;

        var outcome = await RunAsync();

        Assert.Equal(RunStatus.Completed, outcome.Status);
        Assert.Equal(2, _fake.Requests.Count(r => Key(r) == "licensing"));
        Assert.Single(outcome.Reminders!.Sent, "licensing");
        var entry = Ledger("licensing");
        Assert.Equal(DeliveryState.Sent, entry.State);
        Assert.Equal(1, entry.Attempts); // one ledger attempt; the retry happened inside the send
        Assert.Equal([TimeSpan.FromSeconds(1)], _time.Delays);
    }

    [Fact]
    public async Task Run_BadRequestForOneDigest_FailsOnlyItReportsItAndTheNextRunSendsOnlyIt()
    {
        _fake.Script = r => Key(r) == "housing" ? FakeSendGrid.BadRequest("Does not contain a valid address.", "personalizations.0.to") : null;

        var first = await RunAsync();

        Assert.Equal(RunStatus.CompletedWithFailures, first.Status);
        Assert.Contains("housing: SendGrid answered 400 Bad Request: Does not contain a valid address.", first.Message);
        Assert.Equal(["housing"], first.Reminders!.Failed.Select(f => f.Key));
        Assert.Equal(Expected.Count, first.Reminders.Sent.Count); // six leads and the coordinator
        Assert.Equal(DeliveryState.Failed, Ledger("housing").State);
        Assert.Contains("Digest for housing could not be sent", _fake.Requests.Single(r => Key(r) == CoordinatorSummary.Key).Text);

        _fake.Script = _ => null;
        var before = _fake.Requests.Count;
        var second = await RunAsync();

        Assert.Equal(RunStatus.Completed, second.Status);
        Assert.Equal(["housing"], _fake.Requests.Skip(before).Select(Key));
        Assert.Equal(DeliveryState.Sent, Ledger("housing").State);
        Assert.Equal(2, Ledger("housing").Attempts);
    }

    [Fact]
    public async Task Run_ThreeDigestsFailAfterRetries_NextRunFinishesWithoutResendingTheOthers()
    {
        string[] failing = ["community-safety-team", "licensing", "trading-standards"];
        _fake.Script = r => failing.Contains(Key(r)) ? FakeSendGrid.ServerError() : null;

        var first = await RunAsync();

        Assert.Equal(RunStatus.CompletedWithFailures, first.Status);
        Assert.Equal(failing, first.Reminders!.Failed.Select(f => f.Key).Order());
        Assert.All(failing, k => Assert.Equal(3, _fake.Requests.Count(r => Key(r) == k))); // MaxAttempts
        Assert.All(failing, k =>
            Assert.StartsWith("SendGrid answered 500 Internal Server Error", first.Reminders.Failed.Single(f => f.Key == k).Error));
        // One line for all of them, with the first reason (CLI issue: not the same error repeated N times).
        Assert.StartsWith("3 digests could not be sent (community-safety-team: SendGrid answered 500 Internal Server Error", first.Message);
        Assert.EndsWith("; they stay due and go out on the next run.", first.Message);

        _fake.Script = _ => null;
        var before = _fake.Requests.Count;
        var second = await RunAsync();

        Assert.Equal(RunStatus.Completed, second.Status);
        Assert.Equal(failing, _fake.Requests.Skip(before).Select(Key).Order());
        Assert.Equal(failing, second.Reminders!.Sent.Order());
        // Every lead got exactly one accepted request over the two runs.
        Assert.All(Expected.Keys.Except(failing), k => Assert.Equal(1, _fake.Requests.Count(r => Key(r) == k)));
        Assert.All(Expected.Keys, k => Assert.Equal(DeliveryState.Sent, Ledger(k).State));
    }

    [Fact]
    public async Task Run_SecondRunInTheSameWeek_SendsNothing()
    {
        await RunAsync();
        var before = _fake.Requests.Count;

        var second = await RunAsync();

        Assert.Equal(RunStatus.Completed, second.Status);
        Assert.Equal(before, _fake.Requests.Count);
        Assert.Empty(second.Reminders!.Sent);
        Assert.Equal(Expected.Count + 1, second.Reminders.AlreadySent.Count);
    }

    [Fact]
    public async Task Run_SendGridHangs_CutOffOnceRecordedUnconfirmedAndNeverResent()
    {
        _fake.Script = r => Key(r) == "trading-standards" ? FakeSendGrid.Hang() : null;
        var settings = new Dictionary<string, string?> { ["SendGrid:Timeout"] = "00:00:01", ["SendGrid:MaxAttempts"] = "2" };

        var outcome = await RunAsync(settings);
        var again = await RunAsync(settings);

        Assert.Equal(RunStatus.Completed, outcome.Status);
        Assert.Equal(["trading-standards"], outcome.Reminders!.Unconfirmed);
        Assert.Contains("1 digest(s) unconfirmed, not resent", outcome.Message);
        Assert.Single(_fake.Requests, r => Key(r) == "trading-standards");
        Assert.Equal(DeliveryState.Unconfirmed, Ledger("trading-standards").State);
        Assert.Contains("Digest for trading-standards may not have gone out: the mail service did not confirm it (SendGrid did not answer within 1 s",
            _fake.Requests.Single(r => Key(r) == CoordinatorSummary.Key).Text);
        Assert.Equal(["trading-standards"], again.Reminders!.Unconfirmed);
    }

    [Fact]
    public async Task Run_FailuresAndRetries_ApiKeyNeverInAnyLogLineOrMessage()
    {
        _fake.Script = r => Key(r) switch
        {
            "housing" => FakeSendGrid.BadRequest($"API key {ApiKey} does not have permission."),
            "licensing" => FakeSendGrid.ServerError(),
            _ => null,
        };

        var outcome = await RunAsync();

        Assert.NotEmpty(_stack.Logs.Lines);
        Assert.DoesNotContain(_stack.Logs.Lines, l => l.Contains(ApiKey));
        Assert.DoesNotContain(ApiKey, outcome.Message);
        Assert.DoesNotContain(ApiKey, File.ReadAllText(Path.Combine(_stack.Root, "state", "ledger", "2017-W03.json")));
        Assert.Contains("[redacted]", outcome.Reminders!.Failed.Single(f => f.Key == "housing").Error);
    }
}
