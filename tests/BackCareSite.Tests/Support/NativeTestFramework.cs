using System.Reflection;
using BackCareSite.Tests.Native;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("BackCareSite.Tests.Support.NativeTestFramework", "BackCareSite.Tests")]

namespace BackCareSite.Tests.Support;

/// <summary>
/// xunit's framework, but for when the native executable's tests run. Before any test runs it starts publishing the
/// native executable (a minute or two of both cores when the launcher has none for these sources); the collections
/// that use it (and the content fuzzer, <see cref="AfterPublish"/>) then start as soon as it is published, beside the
/// others, rather than last. Each waits for the publish
/// without a test thread, and then runs beside xunit's test threads (a test thread a core), not on one: what
/// these tests do is mostly wait for the executable they started, so the others' test threads go on meanwhile, and
/// the run does not end with the native tests alone. Every other collection runs as xunit runs it.
/// </summary>
public sealed class NativeTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    /// <summary>The collections whose tests run the published executable.</summary>
    internal static readonly string[] NativeCollections = [NativeCollection.Name, NetlifyScriptCollection.Name];

    /// <summary>
    /// The collections that start once the executable is published (when a native test is in the run): those above,
    /// and the content fuzzer, whose budget is wall time (20 s): run while the publish takes the cores, at its higher
    /// priority, it made few rounds; run last, as xunit's order may put it, the run ended with it alone (its 20 s from
    /// 198 to 219 s of a run whose other tests were done at 205 s).
    /// </summary>
    internal static readonly string[] AfterPublish = [.. NativeCollections, Hardening.FuzzCollection.Name];

    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
        protected override async void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        {
            using var runner = new AssemblyRunner(TestAssembly, testCases, DiagnosticMessageSink, executionMessageSink, executionOptions);
            await runner.RunAsync();
        }
    }

    private sealed class AssemblyRunner(ITestAssembly testAssembly, IEnumerable<IXunitTestCase> testCases, IMessageSink diagnosticMessageSink, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        : XunitTestAssemblyRunner(testAssembly, testCases, diagnosticMessageSink, executionMessageSink, executionOptions)
    {
        private Task? _published;

        protected override Task<RunSummary> RunTestCollectionsAsync(IMessageBus messageBus, CancellationTokenSource cancellationTokenSource)
        {
            // Only when a native test will run (a filtered run may have none) and can (no toolchain: they are skipped).
            if (TestCases.Any(c => NativeCollections.Contains(c.TestMethod.TestClass.TestCollection.DisplayName)) && NativeFactAttribute.HasToolchain())
            {
                _published = NativeExecutable.StartPublishing();
                // The native collections' threads come on top of xunit's, and the pool adds threads slowly past
                // its minimum: room for both, so that no test's asynchronous work waits for a thread.
                ThreadPool.GetMinThreads(out var workers, out var ports);
                ThreadPool.SetMinThreads(Math.Max(workers, 2 * Environment.ProcessorCount + AfterPublish.Length), ports);
            }

            return base.RunTestCollectionsAsync(messageBus, cancellationTokenSource);
        }

        protected override async Task<RunSummary> RunTestCollectionAsync(IMessageBus messageBus, ITestCollection testCollection, IEnumerable<IXunitTestCase> testCases, CancellationTokenSource cancellationTokenSource)
        {
            if (_published is null || !AfterPublish.Contains(testCollection.DisplayName))
            {
                return await base.RunTestCollectionAsync(messageBus, testCollection, testCases, cancellationTokenSource);
            }

            // A failed publish fails each test with its message (NativeExecutable.Path rethrows it).
            await _published.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            // The base takes one of xunit's test threads for the collection; this runs it beside them.
            return await new XunitTestCollectionRunner(testCollection, testCases, DiagnosticMessageSink, messageBus, TestCaseOrderer, new ExceptionAggregator(Aggregator), cancellationTokenSource).RunAsync();
        }
    }
}
