using BackCareSite.Tests.Native;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer("BackCareSite.Tests.Support.NativeFirstOrderer", "BackCareSite.Tests")]

namespace BackCareSite.Tests.Support;

/// <summary>
/// Starts the native executable's collection first. Its first test publishes the executable
/// (a minute or two when the launcher has none for these sources) while the other
/// collections run beside it; started last, the publish would be a wait of its own at the
/// end of the run. The other collections keep xunit's order.
/// </summary>
public sealed class NativeFirstOrderer : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => c.DisplayName == NativeCollection.Name ? 0 : 1);
}
