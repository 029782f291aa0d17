using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SaferCity.Core.Updates;
using SaferCity.Infrastructure.Updates;

namespace SaferCity.Functions;

/// <summary>
/// The form a digest's update link opens. Anonymous: the signed link is the credential. The same endpoint code
/// runs under the CLI's <c>serve</c>; Updates__BaseUrl is this function's address, https://{app}/api/update.
/// </summary>
public sealed class UpdateAction(UpdateService service)
{
    [Function(nameof(UpdateAction))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "update/{token}")] HttpRequest request, string token)
    {
        await UpdateEndpoint.HandleAsync(request.HttpContext, token, service, behindProxy: true);
        return new EmptyResult(); // the response is already written
    }
}
