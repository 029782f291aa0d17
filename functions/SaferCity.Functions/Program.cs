using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using SaferCity.Functions;
using SaferCity.Infrastructure;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication(); // HTTP functions get ASP.NET Core's HttpContext (UpdateAction needs it)
builder.Services.AddSaferCity(builder.Configuration).AddSaferCityFunctions(builder.Configuration);
builder.Build().Run();
