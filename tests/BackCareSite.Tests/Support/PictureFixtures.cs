using System.Buffers.Binary;
using NetVips;

namespace BackCareSite.Tests.Support;

/// <summary>Raster pictures made with libvips for the tests: a phone photo and its awkward cousins.</summary>
internal static class PictureFixtures
{
    /// <summary>
    /// A JPEG stored 1200x800 with EXIF orientation 6 (shown rotated a quarter turn: upright it is
    /// 800x1200), carrying a GPS position, as a phone writes a portrait photo.
    /// </summary>
    public static byte[] RotatedJpegWithGps(int width = 1200, int height = 800)
    {
        using var image = Pattern(width, height);
        using var tagged = image.Mutate(m =>
        {
            m.Set(GValue.BlobType, "exif-data", ExifWithGps(orientation: 6));
            m.Set(GValue.GIntType, "orientation", 6);
        });
        return tagged.JpegsaveBuffer(q: 90, keep: Enums.ForeignKeep.All);
    }

    /// <summary>A 16-bit RGB PNG (as scanners and editing tools write them).</summary>
    public static byte[] Png16(int width = 1000, int height = 600)
    {
        using var image = Pattern(width, height);
        using var scaled = image * 257;
        using var wide = scaled.Cast(Enums.BandFormat.Ushort);
        using var rgb16 = wide.Copy(interpretation: Enums.Interpretation.Rgb16);
        return rgb16.PngsaveBuffer(bitdepth: 16);
    }

    public static byte[] Jpeg(int width, int height)
    {
        using var image = Pattern(width, height);
        return image.JpegsaveBuffer(q: 85);
    }

    public static byte[] Png(int width, int height)
    {
        using var image = Pattern(width, height);
        return image.PngsaveBuffer();
    }

    /// <summary>A smooth three-colour pattern with some detail, so encoders have work to do.</summary>
    private static Image Pattern(int width, int height)
    {
        using var xyz = Image.Xyz(width, height);
        using var x = xyz[0];
        using var y = xyz[1];
        using var red = (x * (255.0 / width)).Cast(Enums.BandFormat.Uchar);
        using var green = (y * (255.0 / height)).Cast(Enums.BandFormat.Uchar);
        using var blue = ((x + y) % 64 * 4).Cast(Enums.BandFormat.Uchar);
        using var joined = red.Bandjoin(green, blue);
        return joined.Copy(interpretation: Enums.Interpretation.Srgb);
    }

    /// <summary>An EXIF block (TIFF little-endian) with an orientation and a GPS latitude of 51°30'N.</summary>
    private static byte[] ExifWithGps(int orientation)
    {
        var b = new byte[6 + 92];
        "Exif\0\0"u8.CopyTo(b);
        var t = b.AsSpan(6);
        "II"u8.CopyTo(t);
        BinaryPrimitives.WriteUInt16LittleEndian(t[2..], 42);
        BinaryPrimitives.WriteUInt32LittleEndian(t[4..], 8);
        void Entry(Span<byte> at, ushort tag, ushort type, uint count, uint value)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(at, tag);
            BinaryPrimitives.WriteUInt16LittleEndian(at[2..], type);
            BinaryPrimitives.WriteUInt32LittleEndian(at[4..], count);
            BinaryPrimitives.WriteUInt32LittleEndian(at[8..], value);
        }

        // IFD0: orientation, and where the GPS IFD starts.
        BinaryPrimitives.WriteUInt16LittleEndian(t[8..], 2);
        Entry(t[10..], 0x0112, 3, 1, (uint)orientation);
        Entry(t[22..], 0x8825, 4, 1, 38);
        // GPS IFD: latitude reference "N" and the latitude as three rationals.
        BinaryPrimitives.WriteUInt16LittleEndian(t[38..], 2);
        Entry(t[40..], 0x0001, 2, 2, 'N');
        Entry(t[52..], 0x0002, 5, 3, 68);
        uint[] rationals = [51, 1, 30, 1, 0, 1];
        for (var i = 0; i < rationals.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(t[(68 + (i * 4))..], rationals[i]);
        }

        return b;
    }

    /// <summary>
    /// A PNG whose chunks are all well-formed (so its header reads) but whose compressed pixels
    /// are garbage: it fails only when decoded, as a file damaged on a disk does.
    /// </summary>
    public static byte[] PngWithDamagedPixels(int width, int height)
    {
        var png = Png(width, height);
        var at = 8;
        while (at < png.Length)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at));
            var type = png.AsSpan(at + 4, 4);
            if (type.SequenceEqual("IDAT"u8))
            {
                // Keep the zlib header, break the deflate blocks, and give the chunk a correct CRC.
                png.AsSpan(at + 8 + 2, length - 2).Fill(0xFF);
                BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(at + 8 + length), Crc32(png.AsSpan(at + 4, 4 + length)));
                return png;
            }

            at += 12 + length;
        }

        throw new InvalidOperationException("libvips wrote a PNG without an IDAT chunk");
    }

    /// <summary>The CRC-32 PNG chunks carry (ISO 3309), bit by bit: the fixtures are small.</summary>
    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}
