using BackCareSite.Content;
using BackCareSite.Diagnostics;
using BackCareSite.Output;
using NetVips;

namespace BackCareSite.Pictures;

/// <summary>
/// The picture stage: makes every planned picture's files (in parallel, from the
/// cache when it can) and lists them as copies into the output. A picture that
/// cannot be decoded is an error at each line that uses it.
/// </summary>
internal static class PicturePublisher
{
    /// <summary>
    /// The files to publish for the media folder's pictures and the social cards; the other
    /// media files are copied by the caller.
    /// </summary>
    public static IReadOnlyList<CopiedFile> Make(SiteContent content, SocialCards cards, PictureEncoder encoder, PictureUses uses, DiagnosticBag diagnostics)
    {
        var plans = content.Pictures.Values.OrderBy(p => p.Source.RelativePath, StringComparer.Ordinal).Concat(cards.All).ToList();
        var made = new IReadOnlyList<CopiedFile>?[plans.Count];
        // One picture per core: a picture's encoders (AV1 above all) hold hundreds of megabytes while
        // they work, and the thread pool adds threads when work items run for seconds, so without
        // a limit a folder of phone photos was decoded and encoded many at a time (2.5 GB for 30).
        var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.For(0, plans.Count, options, i =>
        {
            try
            {
                made[i] = encoder.Make(plans[i]);
            }
            catch (VipsException)
            {
                uses.Report(plans[i].Source, RasterHeader.Unreadable(plans[i].Source.FullPath), diagnostics);
            }
        });
        return made.Where(m => m is not null).SelectMany(m => m!).ToList();
    }

    /// <summary>Media files published as they are: everything but the planned pictures.</summary>
    public static IEnumerable<CopiedFile> Unchanged(SiteContent content) =>
        content.Media.Where(m => !content.Pictures.ContainsKey(m.RelativePath)).Select(m => new CopiedFile(m.RelativePath, m.FullPath));
}
