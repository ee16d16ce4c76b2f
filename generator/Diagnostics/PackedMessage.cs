namespace BackCareSite.Diagnostics;

/// <summary>
/// A kind of diagnostic whose message is made of numbers and a few shared strings (an overdue review's date, a page's
/// reading age and lines, a picture's name and problem), written when it is read. A large site has such a warning on
/// most pages (24,408 at 10,000 articles), and <see cref="DiagnosticBag"/> keeps each as a few bytes rather than as
/// objects (a <see cref="Diagnostic"/>, its parts and a queue slot: about 110 bytes). Each kind is a static field,
/// made once.
/// </summary>
internal sealed class PackedMessage
{
    private static readonly Lock Registering = new();
    private static PackedMessage[] _all = [];

    public PackedMessage(Severity severity, string code, Func<PackedParts, string> write)
    {
        Severity = severity;
        Code = code;
        Write = write;
        lock (Registering)
        {
            Id = _all.Length;
            _all = [.. _all, this];
        }
    }

    public Severity Severity { get; }

    public string Code { get; }

    /// <summary>Writes the message from its parts (a static lambda: nothing else is kept).</summary>
    public Func<PackedParts, string> Write { get; }

    /// <summary>Its number in the packed form.</summary>
    internal int Id { get; }

    internal static PackedMessage Of(int id) => Volatile.Read(ref _all)[id];
}

/// <summary>The parts of a <see cref="PackedMessage"/>: numbers (dates as day numbers, reals as their bits) and strings.</summary>
internal sealed class PackedParts(long[] numbers, string[] strings)
{
    public int Count => numbers.Length;

    public long Number(int i) => numbers[i];

    public DateOnly Date(int i) => DateOnly.FromDayNumber(checked((int)numbers[i]));

    public double Real(int i) => BitConverter.Int64BitsToDouble(numbers[i]);

    public string Text(int i) => strings[i];

    /// <summary>A date's number for <see cref="Date"/>.</summary>
    public static long Of(DateOnly date) => date.DayNumber;

    /// <summary>A real's number for <see cref="Real"/> (its bits: the same value comes back).</summary>
    public static long Of(double real) => BitConverter.DoubleToInt64Bits(real);
}
