namespace BackCareSite.Cli;

/// <summary>A mistake in the command line: printed as one line, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
