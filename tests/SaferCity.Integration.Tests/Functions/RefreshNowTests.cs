using System.Net;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.DependencyInjection;
using SaferCity.Core.Model;
using SaferCity.Core.Pipeline;
using SaferCity.Functions;
using SaferCity.Integration.Tests.Stack;

namespace SaferCity.Integration.Tests.Functions;

/// <summary>RefreshNow answers key holders with figures or a correlation id, never the failure's own text.</summary>
public sealed class RefreshNowTests
{
    private const string Detail = "Graph: reading items of list 'SCP Progress Monitoring' failed: 403 Forbidden at secret-tenant.sharepoint.com";

    [Fact]
    public async Task Run_PipelineFails_Answers500WithACorrelationIdAndLogsTheDetailUnderIt()
    {
        await using var stack = await TestStack.StartAsync(TrackerFrom.Unset, sendGrid: false);
        await using var provider = stack.Services(replace: s => s.AddSingleton<ITrackerSource>(new FailingSource(new PipelineException(Detail))));
        var function = ActivatorUtilities.CreateInstance<RefreshNow>(provider);
        var request = new FakeRequest(new FakeContext("invocation-6f1d2c"));

        var response = (FakeResponse)await function.Run(request, CancellationToken.None);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = JsonDocument.Parse(((MemoryStream)response.Body).ToArray()).RootElement;
        Assert.Equal("Failed", body.GetProperty("status").GetString());
        Assert.Equal("invocation-6f1d2c", body.GetProperty("correlationId").GetString());
        Assert.Contains("invocation-6f1d2c", body.GetProperty("message").GetString());
        Assert.DoesNotContain("secret-tenant", body.GetRawText());
        Assert.DoesNotContain("403", body.GetRawText());
        Assert.Contains(stack.Logs.Lines, l => l.Contains("invocation-6f1d2c", StringComparison.Ordinal) && l.Contains(Detail, StringComparison.Ordinal));
    }

    private sealed class FailingSource(Exception failure) : ITrackerSource
    {
        public Task<TrackerLists> ReadAsync(CancellationToken cancellationToken) => Task.FromException<TrackerLists>(failure);
    }

    private sealed class FakeContext(string invocationId) : FunctionContext
    {
        public override string InvocationId => invocationId;
        public override string FunctionId => "RefreshNow";
        public override TraceContext TraceContext => null!;
        public override BindingContext BindingContext => null!;
        public override RetryContext RetryContext => null!;
        public override IServiceProvider InstanceServices { get; set; } = new ServiceCollection().BuildServiceProvider();
        public override FunctionDefinition FunctionDefinition => null!;
        public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();
        public override IInvocationFeatures Features => null!;
    }

    private sealed class FakeRequest(FunctionContext context) : HttpRequestData(context)
    {
        public override Stream Body { get; } = new MemoryStream();
        public override HttpHeadersCollection Headers { get; } = [];
        public override IReadOnlyCollection<IHttpCookie> Cookies { get; } = [];
        public override Uri Url { get; } = new("https://func.example/api/RefreshNow");
        public override IEnumerable<ClaimsIdentity> Identities { get; } = [];
        public override string Method => "POST";
        public override HttpResponseData CreateResponse() => new FakeResponse(FunctionContext);
    }

    private sealed class FakeResponse(FunctionContext context) : HttpResponseData(context)
    {
        public override HttpStatusCode StatusCode { get; set; }
        public override HttpHeadersCollection Headers { get; set; } = [];
        public override Stream Body { get; set; } = new MemoryStream();
        public override HttpCookies Cookies => null!;
    }
}
