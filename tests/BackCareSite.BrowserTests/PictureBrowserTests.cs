using BackCareSite.Build;
using BackCareSite.BrowserTests.Support;
using NetVips;

namespace BackCareSite.BrowserTests;

/// <summary>
/// A page with photographs, as a reader's browser gets it: the sample site plus an article with a
/// phone photo stored on its side (its front-matter image) and a landscape photo further down.
/// Chromium picks the AVIF source, shows the photo upright, nothing moves as the pictures load,
/// and axe finds nothing serious.
/// </summary>
[Collection(SecondSiteCollection.Name)]
public sealed class PictureBrowserTests(SiteFixture site)
{
    private readonly SiteFixture site = site.ForTest();

    private const string Article = """
        ---
        title: Setting up your desk
        description: How to arrange a desk and chair so that your back is comfortable through the day.
        date: 2026-05-01
        image: media/desk.jpg
        image_alt: A physiotherapist adjusts the height of an office chair.
        review:
          reviewed_on: 2026-11-02
          reviewed_by: leila-haddad
          next_review: 2027-11-02
        sources:
          - title: Back pain
            url: https://www.nhs.uk/conditions/back-pain/
        ---

        Sit with your feet flat on the floor. Keep the screen at eye level.

        Stand up and walk about every half an hour. A short walk helps your back.

        Move the chair close to the desk, so that you do not lean forward.

        Rest your arms on the desk. Keep your wrists straight as you type.

        ![A chair set at the right height for the desk](../media/chair.jpg)

        Change how you sit now and then. No one way of sitting is right all day.
        """;

    [BrowserFact]
    public async Task PhotosLoadUprightAsAvifWithoutLayoutShiftAndPassAxeAtPhoneAndDesktopWidths()
    {
        var root = Path.Combine(Path.GetTempPath(), "bcs-pictures-" + Guid.NewGuid().ToString("N")[..10]);
        try
        {
            var content = Path.Combine(root, "content");
            Folders.Copy(Path.Combine(RepoPaths.Root, "content"), content);
            File.WriteAllText(Path.Combine(content, "articles", "setting-up-your-desk.md"), Article);
            File.WriteAllBytes(Path.Combine(content, "media", "desk.jpg"), Photo(800, 600, sideways: true));
            File.WriteAllBytes(Path.Combine(content, "media", "chair.jpg"), Photo(800, 600, sideways: false));
            var result = SiteBuilder.Build(new BuildOptions
            {
                ContentDir = content,
                TemplatesDir = Path.Combine(RepoPaths.Root, "templates"),
                OutDir = Path.Combine(root, "public"),
                CacheDir = Path.Combine(root, "cache"),
                BaseUrl = "http://127.0.0.1",
            });
            Assert.True(result.Published, string.Join('\n', result.Diagnostics));
            await using var server = await StaticSiteServer.StartAsync(Path.Combine(root, "public"), Path.Combine(RepoPaths.Root, "netlify.toml"));

            var problems = new List<string>();
            foreach (var width in new[] { 375, 1280 })
            {
                var page = await site.NewPageAsync(width: width);
                await page.GotoAsync(server.BaseUrl + "/articles/setting-up-your-desk/");
                var shown = await page.EvaluateAsync<ShownPicture[]>(ShowEveryPicture);
                problems.AddRange((await Axe.SeriousViolationsAsync(page)).Select(v => $"at {width} px: axe {v}"));
                await site.ReleaseAsync(page);

                Assert.Equal(2, shown.Length);
                Assert.All(shown, p => Assert.EndsWith(".avif", p.Src));
                Assert.True(shown[0].NaturalHeight > shown[0].NaturalWidth, $"the phone photo is shown sideways at {width} px: {shown[0].NaturalWidth}x{shown[0].NaturalHeight}");
                Assert.True(shown[1].NaturalWidth > shown[1].NaturalHeight, $"the landscape photo is shown sideways at {width} px");
                Assert.True(shown.All(p => p.Shift == 0), $"layout shifted while the pictures loaded at {width} px: {string.Join(", ", shown.Select(p => p.Shift))}");
            }

            Assert.True(problems.Count == 0, string.Join('\n', problems));
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    /// <summary>
    /// Scrolls to each picture of the article in turn and waits until it is decoded, then reports
    /// the file the browser chose, its size and the layout shift seen since the page started.
    /// </summary>
    private const string ShowEveryPicture = """
        async () => {
          let shift = 0;
          new PerformanceObserver(list => { for (const e of list.getEntries()) { if (!e.hadRecentInput) shift += e.value; } })
            .observe({ type: 'layout-shift', buffered: true });
          const shown = [];
          for (const img of document.querySelectorAll('main picture img')) {
            img.scrollIntoView();
            await img.decode();
            await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
            shown.push({ src: img.currentSrc, naturalWidth: img.naturalWidth, naturalHeight: img.naturalHeight, shift });
          }
          return shown;
        }
        """;

    /// <summary>What <see cref="ShowEveryPicture"/> reports of one picture (filled in by Playwright).</summary>
    public sealed class ShownPicture
    {
        public string Src { get; set; } = "";

        public int NaturalWidth { get; set; }

        public int NaturalHeight { get; set; }

        public double Shift { get; set; }
    }

    /// <summary>A photo-like JPEG; <paramref name="sideways"/> stores it turned, with EXIF orientation 6, as a phone does.</summary>
    private static byte[] Photo(int width, int height, bool sideways)
    {
        using var xyz = Image.Xyz(width, height);
        using var x = xyz[0];
        using var y = xyz[1];
        using var red = x * (200.0 / width) + 40;
        using var green = y * (180.0 / height) + 30;
        using var blue = (x + y) % 97 + 60;
        using var joined = red.Bandjoin(green, blue);
        using var photo = joined.Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
        if (!sideways)
        {
            return photo.JpegsaveBuffer(q: 85);
        }

        using var tagged = photo.Mutate(m => m.Set(GValue.GIntType, "orientation", 6));
        return tagged.JpegsaveBuffer(q: 85, keep: Enums.ForeignKeep.All);
    }
}
