using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SaferCity.Core.Updates;
using SaferCity.Infrastructure.Updates;

namespace SaferCity.Functions;

/// <summary>
/// The form a digest's update link opens. Anonymous: the signed link is the credential. The same endpoint code
/// runs under the CLI's <c>serve</c>; Updates__BaseUrl is this function's address, https://{app}/api/update.
/// A link is /api/update/?link={token}: the token stays out of the path, which the host's request telemetry records.
/// The catch-all also takes the stylesheet (/api/update/form.css) and links of the older style (/api/update/{token}).
/// </summary>
public sealed class UpdateAction(UpdateService service)
{
    [Function(nameof(UpdateAction))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "update/{*rest}")] HttpRequest request, string? rest)
    {
        await UpdateEndpoint.HandleAsync(request.HttpContext, rest, service, behindProxy: true);
        return new EmptyResult(); // the response is already written
    }
}
