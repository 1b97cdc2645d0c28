using Ddl.Silo.Hosting;

// One process: an Orleans silo and the GraphQL server. Configuration: see DdlOptions and README.md.
var app = await DdlHost.BuildAsync(args);
await app.RunAsync();
