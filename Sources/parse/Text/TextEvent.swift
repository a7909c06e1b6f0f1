// One event of a plain-text log: the line that introduced it plus its continuation lines.
import GardenKit

/// An event assembled from plain-text lines by `TextEventAssembler`.
public struct TextEvent: Equatable, Sendable {
  /// RFC 3339 UTC timestamp from the first line's prefix, nil when it has none.
  public var ts: String?
  /// Level stated by the first line; ERROR when it states none but carries a trace with an
  /// exception (an uncaught traceback on stderr); nil otherwise.
  public var severity: Severity?
  /// The first line without its timestamp and level prefix, then the continuation lines as
  /// written, joined with `\n`.
  public var message: String
  /// 1-based input line numbers covered, blank lines inside the event included.
  public var lines: ClosedRange<Int>
  /// The stack trace read from the event's lines, if any.
  public var trace: ParsedTrace?
  /// Lines dropped from the middle of an event over the assembler's caps (0 normally).
  public var omittedLines: Int
  /// True when lines were dropped or cut because the event exceeded the caps.
  public var truncated: Bool

  /// Creates an event.
  public init(
    ts: String?, severity: Severity?, message: String, lines: ClosedRange<Int>,
    trace: ParsedTrace?, omittedLines: Int = 0, truncated: Bool = false
  ) {
    self.ts = ts
    self.severity = severity
    self.message = message
    self.lines = lines
    self.trace = trace
    self.omittedLines = omittedLines
    self.truncated = truncated
  }
}
