using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using SaferCity.Infrastructure;

var builder = FunctionsApplication.CreateBuilder(args);
builder.Services.AddSaferCity(builder.Configuration);
builder.Build().Run();
