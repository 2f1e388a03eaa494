using Microsoft.Extensions.Hosting;
using Natak.Functions;

NatakFunctionsApp.CreateBuilder(args).Build().Run();
