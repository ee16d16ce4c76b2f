using BackCareSite.Cli;
using BackCareSite.Tests.Support;

namespace BackCareSite.Tests.Cli;

public sealed class ServeCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => InProcess.Run(args);

    [Theory]
    [InlineData("serve")]
    [InlineData("new")]
    public void PrintsHelp(string command)
    {
        var (code, output, _) = Run(command, "--help");

        Assert.Equal(0, code);
        Assert.Contains($"Usage: backcaresite {command}", output);
    }

    [Theory]
    [InlineData("serve", "--out", "public")]
    [InlineData("serve", "--port", "99999")]
    [InlineData("serve", "--port", "eighty")]
    [InlineData("serve", "--content", "no-such-folder-for-serve")]
    [InlineData("serve", "extra")]
    [InlineData("new", "page", "About us")]
    public void ReportsAUsageErrorOnOneLineWithExitCodeTwo(params string[] args)
    {
        var (code, _, error) = Run(args);

        Assert.Equal(2, code);
        Assert.StartsWith("usage error: ", error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }
}
