using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace BackCareSite.Rendering;

/// <summary>
/// The members templates read of each view, as typed reads: Scriban otherwise reads a .NET object's
/// properties by reflection, which under the JIT compiles an invoke stub per property (124 of the
/// 756 methods the ReadyToRun build compiled at start) and costs a reflective call per read in both
/// builds. Names, order and values are Scriban's own (snake_case of each public instance property, in
/// declaration order): <c>ViewMembersTests</c> compares every table with Scriban's reflective accessor,
/// and fails for a view type a template reads that has no table here.
/// </summary>
internal static class ViewMembers
{
    /// <summary>The typed accessor for <paramref name="type"/>, wrapping Scriban's reflective one for what a table does not do (writes); null for other types.</summary>
    public static IObjectAccessor? For(Type type, IObjectAccessor reflective) =>
        Tables.TryGetValue(type, out var make) ? make(reflective) : null;

    /// <summary>The types with a table.</summary>
    public static IEnumerable<Type> Types => Tables.Keys;

    /// <summary>When set (tests), every typed read is also made by reflection and a difference is recorded in <see cref="Differences"/>.</summary>
    internal static bool Verify { get; set; }

    internal static readonly System.Collections.Concurrent.ConcurrentQueue<string> Differences = new();

    /// <summary>Types of this assembly a template read that have no table (read by reflection): a test requires none.</summary>
    internal static readonly System.Collections.Concurrent.ConcurrentQueue<Type> ReadByReflection = new();

    private static readonly Dictionary<Type, Func<IObjectAccessor, IObjectAccessor>> Tables = new()
    {
        [typeof(DateView)] = Table<DateView>(("iso", v => v.Iso), ("text", v => v.Text)),
        [typeof(ReviewView)] = Table<ReviewView>(
            ("reviewed_on", v => v.ReviewedOn), ("reviewed_by", v => v.ReviewedBy), ("next_review", v => v.NextReview),
            ("profession", v => v.Profession), ("registration", v => v.Registration), ("bio_url", v => v.BioUrl)),
        [typeof(SourceView)] = Table<SourceView>(
            ("title", v => v.Title), ("url", v => v.Url), ("publisher", v => v.Publisher), ("published", v => v.Published), ("accessed", v => v.Accessed)),
        [typeof(ImageView)] = Table<ImageView>(
            ("url", v => v.Url), ("alt", v => v.Alt), ("width", v => v.Width), ("height", v => v.Height),
            ("absolute_url", v => v.AbsoluteUrl), ("sources", v => v.Sources), ("media_path", v => v.MediaPath), ("title", v => v.Title)),
        [typeof(PictureSourceView)] = Table<PictureSourceView>(("type", v => v.Type), ("srcset", v => v.Srcset)),
        [typeof(FilterOption)] = Table<FilterOption>(("value", v => v.Value), ("title", v => v.Title), ("count", v => v.Count)),
        [typeof(FilterGroup)] = Table<FilterGroup>(("name", v => v.Name), ("legend", v => v.Legend), ("options", v => v.Options)),
        [typeof(TagView)] = Table<TagView>(("name", v => v.Name), ("url", v => v.Url), ("count", v => v.Count)),
        [typeof(VideoView)] = Table<VideoView>(("title", v => v.Title), ("url", v => v.Url)),
        [typeof(LinkView)] = Table<LinkView>(("title", v => v.Title), ("url", v => v.Url)),
        [typeof(ArticleView)] = Table<ArticleView>(
            ("title", v => v.Title), ("description", v => v.Description), ("url", v => v.Url), ("slug", v => v.Slug),
            ("date", v => v.Date), ("updated", v => v.Updated), ("last_changed", v => v.LastChanged), ("author", v => v.Author),
            ("tags", v => v.Tags), ("image", v => v.Image), ("review", v => v.Review), ("sources", v => v.Sources),
            ("feedback_url", v => v.FeedbackUrl), ("exercises", v => v.Exercises), ("draft", v => v.Draft),
            ("contents", v => v.Contents), ("content", v => v.Content)),
        [typeof(ExerciseView)] = Table<ExerciseView>(
            ("title", v => v.Title), ("description", v => v.Description), ("url", v => v.Url), ("slug", v => v.Slug),
            ("position", v => v.Position), ("position_kind", v => v.PositionKind), ("position_kind_title", v => v.PositionKindTitle),
            ("steps", v => v.Steps), ("difficulty", v => v.Difficulty), ("difficulty_title", v => v.DifficultyTitle),
            ("reps", v => v.Reps), ("reps_min", v => v.RepsMin), ("reps_max", v => v.RepsMax), ("sets", v => v.Sets),
            ("hold_seconds", v => v.HoldSeconds), ("each_side", v => v.EachSide), ("frequency", v => v.Frequency),
            ("equipment", v => v.Equipment), ("targets", v => v.Targets), ("suitable_in_pregnancy", v => v.SuitableInPregnancy),
            ("pregnancy", v => v.Pregnancy), ("tips", v => v.Tips), ("cautions", v => v.Cautions), ("videos", v => v.Videos),
            ("image", v => v.Image), ("review", v => v.Review), ("draft", v => v.Draft), ("sources", v => v.Sources),
            ("feedback_url", v => v.FeedbackUrl), ("card", v => v.Card), ("content", v => v.Content)),
        [typeof(PageView)] = Table<PageView>(
            ("title", v => v.Title), ("description", v => v.Description), ("url", v => v.Url), ("slug", v => v.Slug),
            ("layout", v => v.Layout), ("content", v => v.Content)),
        [typeof(PageMeta)] = Table<PageMeta>(
            ("title", v => v.Title), ("description", v => v.Description), ("url", v => v.Url), ("canonical_url", v => v.CanonicalUrl),
            ("kind", v => v.Kind), ("output_path", v => v.OutputPath), ("og_type", v => v.OgType), ("image_url", v => v.ImageUrl),
            ("card", v => v.Card), ("last_modified", v => v.LastModified), ("json_ld", v => v.JsonLd), ("no_index", v => v.NoIndex)),
        [typeof(SocialCardView)] = Table<SocialCardView>(("url", v => v.Url), ("width", v => v.Width), ("height", v => v.Height), ("alt", v => v.Alt)),
        [typeof(PaginationView)] = Table<PaginationView>(
            ("page", v => v.Page), ("total_pages", v => v.TotalPages), ("prev_url", v => v.PrevUrl), ("next_url", v => v.NextUrl), ("pages", v => v.Pages)),
        [typeof(PageLinkView)] = Table<PageLinkView>(("title", v => v.Title), ("url", v => v.Url), ("current", v => v.Current), ("gap", v => v.Gap)),
        [typeof(DifficultyGroup)] = Table<DifficultyGroup>(("difficulty", v => v.Difficulty), ("title", v => v.Title), ("exercises", v => v.Exercises)),
        [typeof(RedFlagLevelView)] = Table<RedFlagLevelView>(
            ("id", v => v.Id), ("title", v => v.Title), ("advice", v => v.Advice), ("rank", v => v.Rank),
            ("action_label", v => v.ActionLabel), ("action_url", v => v.ActionUrl), ("flags", v => v.Flags)),
        [typeof(RedFlagView)] = Table<RedFlagView>(("id", v => v.Id), ("question", v => v.Question), ("level", v => v.Level), ("sources", v => v.Sources)),
        [typeof(RedFlagsView)] = Table<RedFlagsView>(
            ("levels", v => v.Levels), ("flags", v => v.Flags), ("intended_purpose", v => v.IntendedPurpose), ("sources", v => v.Sources)),
        [typeof(RawHtml)] = Table<RawHtml>(("value", v => v.Value)),
    };

    private static Func<IObjectAccessor, IObjectAccessor> Table<T>(params (string Name, Func<T, object?> Read)[] members)
        where T : class
    {
        var reads = new Dictionary<string, Func<T, object?>>(members.Length, StringComparer.Ordinal);
        foreach (var (name, read) in members)
        {
            reads.Add(name, read);
        }

        var names = members.Select(m => m.Name).ToArray();
        return reflective => new Accessor<T>(reads, names, reflective);
    }

    /// <summary>Reads a view's members through its table; writes and indexers go to Scriban's reflective accessor.</summary>
    private sealed class Accessor<T>(Dictionary<string, Func<T, object?>> reads, string[] names, IObjectAccessor reflective) : IObjectAccessor
        where T : class
    {
        public bool HasIndexer => reflective.HasIndexer;

        public Type? IndexType => reflective.IndexType;

        public int GetMemberCount(TemplateContext context, SourceSpan span, object target) => names.Length;

        public IEnumerable<string> GetMembers(TemplateContext context, SourceSpan span, object target) => names;

        public bool HasMember(TemplateContext context, SourceSpan span, object target, string member) => reads.ContainsKey(member);

        public bool TryGetValue(TemplateContext context, SourceSpan span, object target, string member, out object? value)
        {
            if (!reads.TryGetValue(member, out var read))
            {
                value = null;
                return false;
            }

            value = read((T)target);
            if (Verify)
            {
                Check(context, span, target, member, value);
            }

            return true;
        }

        public bool TrySetValue(TemplateContext context, SourceSpan span, object target, string member, object? value) =>
            reflective.TrySetValue(context, span, target, member, value);

        public bool TryGetItem(TemplateContext context, SourceSpan span, object target, object index, out object? value) =>
            reflective.TryGetItem(context, span, target, index, out value);

        public bool TrySetItem(TemplateContext context, SourceSpan span, object target, object index, object? value) =>
            reflective.TrySetItem(context, span, target, index, value);

        private void Check(TemplateContext context, SourceSpan span, object target, string member, object? value)
        {
            // A computed list (RedFlagsView.Sources) is a new list at each read: compared element by element.
            var same = reflective.TryGetValue(context, span, target, member, out var expected) && (Equals(expected, value)
                || (expected is System.Collections.IEnumerable a and not string && value is System.Collections.IEnumerable b
                    && a.Cast<object?>().SequenceEqual(b.Cast<object?>())));
            if (!same)
            {
                Differences.Enqueue($"{typeof(T).Name}.{member}: typed {value ?? "null"}, reflection {expected ?? "null"}");
            }
        }
    }
}
