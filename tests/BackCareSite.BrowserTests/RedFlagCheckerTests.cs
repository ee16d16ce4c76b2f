using BackCareSite.BrowserTests.Support;
using Microsoft.Playwright;

namespace BackCareSite.BrowserTests;

/// <summary>
/// The red-flag checker on /red-flags/ in Chromium, served with the headers
/// of netlify.toml (strict CSP). Every sign comes from content/red-flags.yml.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class RedFlagCheckerTests(SiteFixture site)
{
    private readonly SiteFixture site = site.ForTest();

    private static readonly RedFlagsFile Data = RedFlagsFile.Repository;

    public static TheoryData<string> SignIds()
    {
        var data = new TheoryData<string>();
        foreach (var sign in Data.Signs)
        {
            data.Add(sign.Id);
        }

        return data;
    }

    [BrowserFact]
    public async Task TheDataHasSignsAtEveryLevelSoTheTestsMeanSomething()
    {
        Assert.Equal(["emergency", "urgent", "soon", "self-care"], Data.Levels.Select(l => l.Id));
        foreach (var level in Data.Levels.Take(3))
        {
            Assert.Contains(Data.Signs, s => s.Level == level.Id);
        }

        var page = await OpenAsync();
        Assert.Equal(Data.Signs.Count, await page.Locator("form[data-red-flag-checker] input[type=checkbox]").CountAsync());
    }

    [BrowserFact]
    public async Task WithNothingTickedItShowsTheSelfCareAdvice()
    {
        var page = await OpenAsync();
        await ExpectResultAsync(page, Data.Level("self-care"));
    }

    [BrowserFact]
    public async Task EachSignAloneShowsItsLevelAndNoMoreUrgentOne()
    {
        var page = await OpenAsync();
        foreach (var sign in Data.Signs)
        {
            await Box(page, sign).ClickAsync();
            await ExpectResultAsync(page, Data.LevelOf(sign), because: $"only `{sign.Id}` is ticked");

            await Box(page, sign).ClickAsync();
            await ExpectResultAsync(page, Data.Level("self-care"), because: $"`{sign.Id}` was unticked");
        }
    }

    /// <summary>
    /// Every ordered pair of signs (about 180): ticked in the page by the boxes' own
    /// click(), which toggles a box and fires its input and change events as a tap
    /// does, and read in the same script, so the pairs cost one round trip instead of
    /// five each. Real pointer clicks on every box are EachSignAloneShowsItsLevel...'s.
    /// </summary>
    [BrowserFact]
    public async Task AnyTwoSignsShowTheMoreUrgentLevelWhateverTheOrder()
    {
        var page = await OpenAsync();
        var pairs = Data.Signs.SelectMany(first => Data.Signs.Where(s => s != first).Select(second => new[] { first.Id, second.Id })).ToArray();
        var states = await page.EvaluateAsync<System.Text.Json.JsonElement>(
            "pairs => {" +
            "  const box = id => document.querySelector(`form[data-red-flag-checker] input[type=checkbox][value='${id}']`);" +
            "  const region = document.querySelector('.red-flag-result');" +
            "  return pairs.map(([first, second]) => {" +
            "    box(first).click(); box(second).click();" +
            "    const state = " + ReadStateScript + "(region);" +
            "    box(first).click(); box(second).click();" +
            "    return state;" +
            "  });" +
            "}",
            pairs);
        Assert.Equal(pairs.Length, states.GetArrayLength());
        var i = 0;
        foreach (var state in states.EnumerateArray())
        {
            var (first, second) = (Data.Signs.Single(s => s.Id == pairs[i][0]), Data.Signs.Single(s => s.Id == pairs[i][1]));
            var expected = Data.LevelOf(first).Rank <= Data.LevelOf(second).Rank ? Data.LevelOf(first) : Data.LevelOf(second);
            Check(Read(state), expected, because: $"`{first.Id}` then `{second.Id}` are ticked");
            i++;
        }

        await ExpectResultAsync(page, Data.Level("self-care"), because: "every pair was unticked again");
    }

    [BrowserFact]
    public async Task EmergencyPlusEverySignShowsEmergency()
    {
        var page = await OpenAsync();
        foreach (var sign in Data.Signs.Reverse())
        {
            await Box(page, sign).ClickAsync();
        }

        await ExpectResultAsync(page, Data.Level("emergency"), because: "every sign is ticked");
    }

    [BrowserFact]
    public async Task UntickingTheMostUrgentSignFallsBackToTheNextLevel()
    {
        var page = await OpenAsync();
        var oneOfEach = Data.Levels.Take(3).Select(l => Data.Signs.First(s => s.Level == l.Id)).ToList();
        foreach (var sign in oneOfEach)
        {
            await Box(page, sign).ClickAsync();
        }

        await ExpectResultAsync(page, Data.Level("emergency"));
        for (var i = 0; i < oneOfEach.Count; i++)
        {
            await Box(page, oneOfEach[i]).ClickAsync();
            var next = i + 1 < oneOfEach.Count ? Data.LevelOf(oneOfEach[i + 1]) : Data.Level("self-care");
            await ExpectResultAsync(page, next, because: $"`{oneOfEach[i].Id}` was unticked");
        }
    }

    [BrowserFact]
    public Task WorksWithTheKeyboardAloneOnAPhone() => WorksWithTheKeyboardAlone(375);

    [BrowserFact]
    public Task WorksWithTheKeyboardAloneOnADesktop() => WorksWithTheKeyboardAlone(1280);

    private async Task WorksWithTheKeyboardAlone(int width)
    {
        var page = await OpenAsync(width);
        var order = await page.Locator("form[data-red-flag-checker] input[type=checkbox]").EvaluateAllAsync<string[]>("boxes => boxes.map(b => b.value)");
        Assert.Equal(Data.Signs.Count, order.Length);

        // Tab from the top of the page until the first checkbox has focus.
        for (var presses = 0; await FocusedValueAsync(page) != order[0]; presses++)
        {
            Assert.True(presses < 40, "Tab never reached the first checkbox");
            await page.Keyboard.PressAsync("Tab");
        }

        foreach (var value in order)
        {
            var sign = Data.Signs.Single(s => s.Id == value);
            Assert.Equal(value, await FocusedValueAsync(page));
            Assert.True(await page.EvaluateAsync<bool>("""
                () => {
                  const box = document.activeElement.getBoundingClientRect();
                  const seen = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
                  return seen === document.activeElement;
                }
                """), $"the focused checkbox `{value}` is hidden behind something at {width} px");
            await page.Keyboard.PressAsync("Space");
            Assert.True(await Box(page, sign).IsCheckedAsync(), $"Space did not tick `{value}`");
            await ExpectResultAsync(page, Data.LevelOf(sign), because: $"`{value}` was ticked with Space");
            await page.Keyboard.PressAsync("Space");
            await ExpectResultAsync(page, Data.Level("self-care"), because: $"`{value}` was unticked with Space");
            if (value == order[^1])
            {
                break;
            }

            // The next checkbox, past at most the action link of the group just left and,
            // on a phone, its link to the result.
            await page.Keyboard.PressAsync("Tab");
            for (var links = 0; links < 2 && await FocusedValueAsync(page) is null; links++)
            {
                await page.Keyboard.PressAsync("Tab");
            }
        }

        // Focus is visible: the checkbox draws an outline when reached by keyboard.
        var outline = await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle");
        Assert.NotEqual("none", outline);
    }

    [BrowserFact]
    public async Task NothingLeavesThePageNoStorageNoCookies()
    {
        // A context of its own, so that any storage or cookie found is this page's.
        var page = await site.NewPageAsync(fresh: true);
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);
        await page.GotoAsync(site.BaseUrl + "/red-flags/");
        foreach (var sign in Data.Signs)
        {
            await Box(page, sign).ClickAsync();
        }

        // Pressing Enter in the form must not submit it anywhere either.
        await Box(page, Data.Signs[0]).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForTimeoutAsync(200);

        var origin = new Uri(site.BaseUrl).GetLeftPart(UriPartial.Authority);
        Assert.NotEmpty(requests);
        Assert.All(requests, url => Assert.StartsWith(origin + "/", url));
        Assert.Equal(site.BaseUrl + "/red-flags/", page.Url);
        Assert.DoesNotContain(requests, url => Data.Signs.Any(s => url.Contains(s.Id, StringComparison.Ordinal)));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => localStorage.length + sessionStorage.length"));
        Assert.Equal("", await page.EvaluateAsync<string>("() => document.cookie"));
        Assert.Empty(await page.Context.CookiesAsync());
        await ExpectResultAsync(page, Data.Level("emergency"));
    }

    [BrowserFact]
    public async Task RunsUnderTheStrictCspWithoutConsoleErrors()
    {
        var page = await site.NewPageAsync(own: true);
        var problems = await PageProblems.WatchAsync(page);

        var response = await page.GotoAsync(site.BaseUrl + "/red-flags/");
        var csp = await response!.HeaderValueAsync("content-security-policy");
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        foreach (var sign in Data.Signs)
        {
            await Box(page, sign).ClickAsync();
        }

        await ExpectResultAsync(page, Data.Level("emergency"));
        Assert.Empty(await problems.ViolationsAsync());
        Assert.Empty(problems.Logged);
    }

    [BrowserFact]
    public async Task AxeFindsNothingSeriousBeforeOrAfterTicking()
    {
        var page = await OpenAsync();
        await Axe.AssertNoSeriousViolationsAsync(page, "nothing ticked");
        await Box(page, Data.Signs.First(s => s.Level == "emergency")).ClickAsync();
        await Axe.AssertNoSeriousViolationsAsync(page, "an emergency sign ticked");
        var narrow = await site.NewPageAsync(width: 320);
        await narrow.GotoAsync(site.BaseUrl + "/red-flags/");
        await Axe.AssertNoSeriousViolationsAsync(narrow, "a 320 px wide screen");
    }

    [BrowserFact]
    public async Task WithoutJavaScriptEverySignAndThe999AdviceAreOnThePage()
    {
        var page = await site.NewPageAsync(javaScript: false);
        await page.GotoAsync(site.BaseUrl + "/red-flags/");
        var form = page.Locator("form[data-red-flag-checker]");
        Assert.Equal(1, await form.CountAsync());
        Assert.Equal(1, await form.Locator("fieldset > legend").First.CountAsync());

        foreach (var level in Data.Levels.Take(3))
        {
            var group = form.Locator($"fieldset[data-level-id='{level.Id}']");
            Assert.Contains(level.Title, await group.Locator("legend").InnerTextAsync());
            Assert.Contains(level.Advice, await group.InnerTextAsync());
            foreach (var sign in Data.Signs.Where(s => s.Level == level.Id))
            {
                var box = group.Locator($"input[type=checkbox][value='{sign.Id}']");
                Assert.Equal(1, await box.CountAsync());
                var label = group.Locator("label").Filter(new() { Has = page.Locator($"input[type=checkbox][value='{sign.Id}']") });
                Assert.Equal(sign.Question, (await label.InnerTextAsync()).Trim());
            }
        }

        var emergency = form.Locator("fieldset[data-level-id='emergency']");
        Assert.Equal(1, await emergency.Locator("a[href='tel:999']").CountAsync());
        Assert.Contains("999", await emergency.InnerTextAsync());
        Assert.Contains(Data.Level("self-care").Advice, await form.InnerTextAsync());
        Assert.False(await page.Locator(".red-flag-result").IsVisibleAsync(), "the live region is empty until the script runs");
    }

    /// <summary>
    /// Chromium asks for /favicon.ico on its own (the site's icon is an SVG), and
    /// that 404 is the layout's business, not the checker's.
    /// </summary>
    private async Task<IPage> OpenAsync(int width = 375)
    {
        var page = await site.NewPageAsync(width: width);
        await page.GotoAsync(site.BaseUrl + "/red-flags/");
        await page.Locator("form[data-red-flag-checker][data-ready]").WaitForAsync();
        return page;
    }

    private static ILocator Box(IPage page, SignData sign) =>
        page.Locator($"form[data-red-flag-checker] input[type=checkbox][value='{sign.Id}']");

    private static async Task<string?> FocusedValueAsync(IPage page) =>
        await page.EvaluateAsync<string?>("() => document.activeElement && document.activeElement.type === 'checkbox' ? document.activeElement.value : null");

    /// <summary>
    /// The live region shows exactly this level: its title, advice and action,
    /// and no title of a more urgent level (never under-triage).
    /// </summary>
    internal static async Task ExpectResultAsync(IPage page, LevelData level, string because = "", ILocator? region = null)
    {
        region ??= page.Locator(".red-flag-result").First;
        Check(Read(await region.EvaluateAsync<System.Text.Json.JsonElement>(ReadStateScript)), level, because);
    }

    /// <summary>What the live region shows, read in the page (a function of the region).</summary>
    private const string ReadStateScript = """
        (r => ({
          visible: !r.hidden && r.offsetParent !== null,
          live: r.getAttribute('aria-live'),
          level: r.getAttribute('data-level'),
          text: r.innerText,
          actions: Array.from(r.querySelectorAll('a')).map(a => a.getAttribute('href'))
        }))
        """;

    private static ResultState Read(System.Text.Json.JsonElement json) => new(
        json.GetProperty("visible").GetBoolean(),
        json.GetProperty("live").GetString(),
        json.GetProperty("level").GetString(),
        json.GetProperty("text").GetString() ?? "",
        json.GetProperty("actions").EnumerateArray().Select(a => a.GetString() ?? "").ToArray());

    private static void Check(ResultState shown, LevelData level, string because)
    {
        Assert.True(shown.Visible, $"the result is hidden ({because})");
        Assert.Equal("polite", shown.Live);
        Assert.True(level.Id == shown.Level, $"expected `{level.Id}`, shown `{shown.Level}` ({because})");
        Assert.Contains(level.Title, shown.Text);
        Assert.Contains(level.Advice, shown.Text);
        foreach (var moreUrgent in Data.Levels.Where(l => l.Rank < level.Rank))
        {
            Assert.DoesNotContain(moreUrgent.Title, shown.Text);
        }

        Assert.Equal(level.ActionUrl is null ? [] : [level.ActionUrl], shown.Actions);
    }

    internal sealed record ResultState(bool Visible, string? Live, string? Level, string Text, string[] Actions);
}
