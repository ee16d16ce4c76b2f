using BackCareSite.Diagnostics;
using BackCareSite.Rendering;

namespace BackCareSite.Tests.Support;

/// <summary>A temporary templates folder: write templates into it and load them as a <see cref="TemplateSet"/>.</summary>
internal sealed class TemplateFolder : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("bcs-templates-").FullName;

    /// <summary>Writes <paramref name="templates"/> (name, text) and loads the whole folder, which must parse cleanly.</summary>
    public TemplateSet Load(params (string Name, string Text)[] templates)
    {
        foreach (var (name, text) in templates)
        {
            var path = Path.Combine(Root, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }

        var diagnostics = new DiagnosticBag();
        var set = TemplateSet.Load(Root, diagnostics);
        Assert.Empty(diagnostics.Sorted());
        return set;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
