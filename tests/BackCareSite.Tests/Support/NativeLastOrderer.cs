using BackCareSite.Tests.Native;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer("BackCareSite.Tests.Support.NativeLastOrderer", "BackCareSite.Tests")]

namespace BackCareSite.Tests.Support;

/// <summary>
/// Starts publishing the native executable (a minute or two of both cores when the launcher has
/// none for these sources) before any test runs, and runs the two collections that use it last.
/// The other collections run on both test threads while it compiles, instead of one thread
/// waiting for it from the start, and at the end the native executable's and the Netlify
/// script's tests run side by side. The other collections keep xunit's order.
/// </summary>
public sealed class NativeLastOrderer : ITestCollectionOrderer
{
    private static readonly string[] Native = [NativeCollection.Name, NetlifyScriptCollection.Name];

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections)
    {
        var collections = testCollections.ToList();
        // Only when a native test will run (a filtered run may have none) and can (no toolchain: they are skipped).
        if (collections.Any(c => Native.Contains(c.DisplayName)) && NativeFactAttribute.HasToolchain())
        {
            NativeExecutable.StartPublishing();
        }

        return collections.OrderBy(c => Native.Contains(c.DisplayName) ? 1 : 0);
    }
}
