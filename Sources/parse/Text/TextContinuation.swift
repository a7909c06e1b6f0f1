// Whether a plain-text line continues the event above it (a stack trace, an indented block)
// instead of starting a new one. Decided from the line and the line before it only, so the
// assembler can stream.
import GardenKit

extension TextLineClassifier {
  /// True when `line` belongs to the event that `previous` (the last non-blank line before it)
  /// belongs to: indented lines (`  File "…"`, code under it, `\tat …`, `    at …`, Go file lines),
  /// Python's `Traceback` header after a log line that is not merely INFO/DEBUG, chain separators,
  /// `Caused by:`, `... N more`, the exception line closing a Python trace, a Java/Node exception
  /// header right after a WARNING-or-worse line, Go `goroutine N [...]:` and its function lines.
  /// A line with its own timestamp prefix never continues. Blank lines are the caller's call.
  public static func isContinuation(_ line: String, previous: String?) -> Bool {
    guard let previous else { return false }
    return continues(Substring(line), previous: Substring(previous))
  }

  /// `isContinuation` on slices. The previous line's level is computed only by the two rules
  /// that need it: most lines of a long trace are decided by their indentation alone.
  static func continues(_ line: Substring, previous: Substring) -> Bool {
    guard let first = line.utf8.first else { return false }
    let trimmed = TraceLine.trimLeading(line)
    if trimmed.isEmpty { return false }
    if startsWithTimestamp(trimmed) { return false }
    if first == 32 || first == 9 { return true }

    if trimmed.utf8.starts(with: TraceLine.pythonHeader.utf8) {
      if TraceLine.isChainSeparator(previous) { return true }
      // Python prints nothing indented right before a header: a new trace started.
      if TraceLine.isIndented(previous) || TraceLine.pythonFrame(previous) != nil { return false }
      // A new traceback right after the last line of another one is a second error.
      if let h = TraceLine.exceptionHeader(TraceLine.trimTrailing(previous)),
        TraceLine.isExceptionLike(h.type),
        !TraceLine.isIndented(previous)
      {
        return false
      }
      return level(in: String(previous)).map { $0 >= .warning } ?? true
    }
    if TraceLine.isChainSeparator(trimmed) { return true }
    if trimmed.utf8.starts(with: "Caused by: ".utf8)
      || trimmed.utf8.starts(with: "Suppressed: ".utf8)
    {
      return true
    }
    if TraceLine.moreCount(trimmed) != nil { return true }
    if TraceLine.pythonFrame(trimmed) != nil { return true }
    if trimmed.utf8.starts(with: "at ".utf8), trimmed.contains("("),
      trimmed.hasSuffix(")") || trimmed.contains(":")
    {
      return true
    }
    if isGoroutineHeader(trimmed) || trimmed.utf8.starts(with: "created by ".utf8) { return true }
    if trimmed.utf8.starts(with: "[signal ".utf8), previous.utf8.starts(with: "panic: ".utf8) {
      return true
    }
    let prevTrimmed = TraceLine.trimLeading(previous)
    if trimmed.hasSuffix(")"), isGoroutineHeader(prevTrimmed) || isGoFileLine(prevTrimmed) {
      return true  // Go function line under `goroutine N` or after the previous frame's file line
    }

    guard let header = TraceLine.exceptionHeader(TraceLine.trimTrailing(trimmed)) else {
      return false
    }
    if TextLineClassifier.levelWords.contains(header.type.uppercased()) { return false }
    if TraceLine.pythonFrame(prevTrimmed) != nil
      || prevTrimmed.utf8.starts(with: TraceLine.pythonHeader.utf8)
    {
      return true  // exception line straight after a frame without a code line
    }
    let exceptionLike = TraceLine.isExceptionLike(header.type)
    if exceptionLike, TraceLine.isIndented(previous) { return true }  // after a code line
    // `logger.error(msg, e)`: the exception header right under a WARNING-or-worse line.
    if exceptionLike, let lvl = level(in: String(previous)), lvl >= .warning { return true }
    return false
  }

  /// `goroutine 1 [running]:`
  static func isGoroutineHeader(_ t: Substring) -> Bool {
    guard t.utf8.starts(with: "goroutine ".utf8) else { return false }
    let rest = t.dropFirst(10)
    let digits = rest.prefix { $0.isASCII && $0.isNumber }
    return !digits.isEmpty && rest.dropFirst(digits.count).utf8.starts(with: " [".utf8)
  }

  /// `/app/main.go:15 +0x85` (leading blanks already removed).
  static func isGoFileLine(_ t: Substring) -> Bool {
    let u = Array(t.utf8.prefix(512))
    guard let at = TextLineClassifier.find(u, Array(".go:".utf8), from: 0), at + 4 < u.count else {
      return false
    }
    return isDigit(u[at + 4])
  }

  /// Cheap check before the full timestamp grammar: only lines that could start with one pay for it.
  static func startsWithTimestamp(_ t: Substring) -> Bool {
    var u = t.utf8.makeIterator()
    guard let f = u.next() else { return false }
    let second = u.next() ?? 0
    let third = u.next() ?? 0
    let candidate =
      isDigit(f) || f == UInt8(ascii: "[") || (glogLevel(f) != nil && isDigit(second))
      || (f >= 65 && f <= 90 && isMonthStart(f, second, third))
    return candidate && hasTimestampPrefix(t)
  }
}
