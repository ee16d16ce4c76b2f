using BackCareSite.Pictures;

namespace BackCareSite.Tests.Pictures;

/// <summary>The reason given for a picture libvips cannot decode comes from the file's own bytes.</summary>
public sealed class PictureDamageTests
{
    private const string CutShort = "the file ends before the picture does";
    private const string Damaged = "the picture's data is damaged";
    private const string NoPicture = "the file holds no picture";

    public static TheoryData<string, byte[], string> Files() => new()
    {
        { "empty", [], "the file is empty" },
        { "JPEG with its end marker", [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 0xFF, 0xD9], Damaged },
        { "JPEG with padding after its end marker", [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 0xFF, 0xD9, 0, 0, 0], Damaged },
        { "JPEG without its end marker", [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4], CutShort },
        { "PNG without IEND", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], CutShort },
        { "PNG with IEND", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82], Damaged },
        { "WebP shorter than its RIFF size", [.. "RIFF"u8, 100, 0, 0, 0, .. "WEBPVP8 "u8], CutShort },
        { "WebP as long as its RIFF size", [.. "RIFF"u8, 8, 0, 0, 0, .. "WEBPVP8 "u8], Damaged },
        { "GIF without its trailer", [.. "GIF89a"u8, 1, 2], CutShort },
        { "GIF with its trailer", [.. "GIF89a"u8, 1, 0x3B], Damaged },
        { "AVIF", [0, 0, 0, 0x1C, .. "ftypavif"u8, 0, 0, 0, 0], Damaged },
        { "an HTML page", [.. "<!doctype html><p>hello</p>"u8], NoPicture },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void GivesTheReasonTheBytesShow(string file, byte[] bytes, string reason)
    {
        var path = Path.Combine(Path.GetTempPath(), "bcs-damage-" + Guid.NewGuid().ToString("N"));
        File.WriteAllBytes(path, bytes);
        try
        {
            Assert.True(PictureDamage.Describe(path).StartsWith(reason, StringComparison.Ordinal), $"{file}: {PictureDamage.Describe(path)}");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
