using SaferCity.Cli;

// The CLI on this process's console and environment (CliProgram says what each exit code means); Ctrl+C cancels.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
return await CliProgram.RunAsync(args, CliSession.Console(), cancel.Token);
