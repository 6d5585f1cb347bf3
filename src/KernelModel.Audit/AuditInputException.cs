using System;

namespace KernelModel.Audit;

/// <summary>Bad input — a missing path, something that is not a project, a project that does not load — reported in one line with exit code 2.</summary>
/// <param name="message">The one-line message.</param>
internal sealed class AuditInputException(string message) : Exception(message);
