using System;
using System.Threading;
using KernelModel.Audit;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
return await AuditCommand.RunAsync(args, AuditConsole.FromProcess(), cancel.Token);
