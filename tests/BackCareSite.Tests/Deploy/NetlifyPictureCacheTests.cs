using BackCareSite.Tests.Support;
using Tomlyn.Model;

namespace BackCareSite.Tests.Deploy;

/// <summary>
/// The picture cache survives from one Netlify build to the next: the repository's build plugin
/// (scripts/netlify-plugins/picture-cache), run with Netlify's own cache utility
/// (<c>@netlify/cache-utils</c>, as Netlify hands it to plugins) on a build cache folder.
/// </summary>
public sealed class NetlifyPictureCacheTests
{
    private const string Plugin = "scripts/netlify-plugins/picture-cache";

    /// <summary>Runs one event of the plugin as Netlify does: the site's folder as the working directory.</summary>
    private const string RunEvent = """
        import { bindOpts } from '@netlify/cache-utils';
        import { createRequire } from 'node:module';
        const [plugin, event, site, cacheDir] = process.argv.slice(1);
        const hooks = createRequire(process.cwd() + '/')(plugin);
        process.chdir(site);
        await hooks[event]({ utils: { cache: bindOpts({ cacheDir }) } });
        """;

    [Fact]
    public void NetlifyTomlRunsThePluginFromTheRepository()
    {
        var plugins = (TomlTableArray)NetlifyConfig.Repository.Model["plugins"];

        var package = Assert.Single(plugins.Select(p => (string)p["package"]), p => p.Contains("picture-cache", StringComparison.Ordinal));
        Assert.Equal("./" + Plugin, package);
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, Plugin, "manifest.yml")), "a local Netlify plugin needs a manifest.yml");
    }

    [NpmToolFact("@netlify/cache-utils")]
    public void ABuildAfterTheCacheIsSavedAndRestoredEncodesNothing()
    {
        using var site = new TempSite()
            .Write("site.yml", TempSite.SiteYml + "\npictures:\n  widths: [120, 240]\n")
            .WriteBytes("media/photo.jpg", PictureFixtures.RotatedJpegWithGps(360, 240))
            .Article("stretch", body: "![A physiotherapist shows the stretch](../media/photo.jpg)\n");
        var buildCache = Path.Combine(site.Root, "netlify-build-cache");
        (int, string) Event(string name) => NpmTools.RunNode(
            "--input-type=module", "--eval", RunEvent, Path.Combine(RepoPaths.Root, Plugin, "index.js"), name, site.Root, buildCache);

        var (restoreExit, restoreOutput) = Event("onPreBuild");
        Assert.True(restoreExit == 0, restoreOutput);
        Assert.Contains("no .cache/pictures in the build cache yet", restoreOutput);
        var first = site.Build();
        first.Succeeded();
        Assert.True(first.Pictures.Encoded > 0);
        var (saveExit, saveOutput) = Event("onPostBuild");
        Assert.True(saveExit == 0, saveOutput);

        // The next build starts from a fresh checkout: no .cache beside the content.
        Assert.False(Directory.Exists(Path.Combine(site.Root, ".cache", "pictures")), "the plugin moves the cache away after the build");
        (restoreExit, restoreOutput) = Event("onPreBuild");
        Assert.True(restoreExit == 0, restoreOutput);
        Assert.Contains("restored .cache/pictures", restoreOutput);
        var second = site.Build();

        second.Succeeded();
        Assert.Equal((0, first.Pictures.Encoded), second.Pictures);
    }
}
