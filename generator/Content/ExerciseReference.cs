using BackCareSite.Diagnostics;

namespace BackCareSite.Content;

/// <summary>What is wrong with a reference to an exercise by slug (in <c>exercises:</c>, an embed or <c>featured_exercises</c>).</summary>
internal static class ExerciseReference
{
    internal sealed record Finding(string Code, string Message);

    /// <summary>Null when <paramref name="slug"/> names a published exercise.</summary>
    public static Finding? Problem(string slug, IReadOnlySet<string> published, IReadOnlyDictionary<string, FailedFile> failed)
    {
        if (published.Contains(slug))
        {
            return null;
        }

        if (failed.TryGetValue(slug, out var broken))
        {
            return new(ErrorCodes.ExerciseHasErrors,
                $"exercise {Shown.Value(slug)} exists but has errors of its own: see {broken.ErrorLocation}; it can be shown once they are fixed");
        }

        var suggestion = Suggest.Closest(slug, published);
        return new(ErrorCodes.UnknownExercise,
            $"there is no exercise {Shown.Value(slug)}{(suggestion is null ? "; use the slug of a file in exercises/" : $"; did you mean `{suggestion}`?")}");
    }
}
