using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SaferCity.Functions;
using SaferCity.Infrastructure;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication(); // HTTP functions get ASP.NET Core's HttpContext (UpdateAction needs it)
// Development only (see DevelopmentClock): AddSaferCity keeps a clock registered before it.
if (DevelopmentClock.FromEnvironment() is { } clock) builder.Services.AddSingleton(clock);
builder.Services.AddSaferCity(builder.Configuration).AddSaferCityFunctions(builder.Configuration);
builder.Build().Run();
