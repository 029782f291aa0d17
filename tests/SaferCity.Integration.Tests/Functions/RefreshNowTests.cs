using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
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
        var request = new DefaultHttpContext().Request;
        request.Method = "POST";

        var response = Assert.IsType<ContentResult>(await function.Run(request, new FakeContext("invocation-6f1d2c"), CancellationToken.None));

        Assert.Equal((int)HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.ContentType);
        var body = JsonDocument.Parse(response.Content!).RootElement;
        Assert.Equal("Failed", body.GetProperty("status").GetString());
        Assert.Equal("invocation-6f1d2c", body.GetProperty("correlationId").GetString());
        Assert.Contains("invocation-6f1d2c", body.GetProperty("message").GetString());
        Assert.DoesNotContain("secret-tenant", body.GetRawText());
        Assert.DoesNotContain("403", body.GetRawText());
        Assert.Contains(stack.Logs.Lines,
            l => l.Contains("invocation-6f1d2c", StringComparison.Ordinal) && l.Contains(Detail, StringComparison.Ordinal));
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
}
