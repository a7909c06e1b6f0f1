// Streams plain-text lines into events: a line with a timestamp or level starts an event, trace
// lines and indented lines join the one above. Holds at most the event being built, capped.
import GardenKit

/// Joins continuation lines (stack traces, indented blocks) to the line that introduced them.
///
/// Memory: one event at a time, and that event is capped at `maxLines` lines and `maxBytes`
/// bytes. Past the caps the assembler keeps the first three quarters and a rolling last quarter
/// (so a traceback keeps both its header and its final exception line), counts the lines it
/// dropped in `TextEvent.omittedLines` and marks the event `truncated`.
public struct TextEventAssembler {
  /// Default cap on lines kept per event.
  public static let defaultMaxLines = 2000
  /// Default cap on bytes kept per event (1 MiB).
  public static let defaultMaxBytes = 1 << 20

  /// Year for timestamp formats without one (glog, syslog).
  public let defaultYear: Int
  /// Lines kept per event; at least 8.
  public let maxLines: Int
  /// Bytes kept per event; at least 1 KiB.
  public let maxBytes: Int
  /// Blank lines that belonged to no event (between events or before the first).
  public private(set) var blankLinesSkipped = 0

  private var current: Pending?
  private var blanksPending = 0

  /// Creates an assembler.
  public init(
    defaultYear: Int = 1970, maxLines: Int = defaultMaxLines, maxBytes: Int = defaultMaxBytes
  ) {
    self.defaultYear = defaultYear
    self.maxLines = max(8, maxLines)
    self.maxBytes = max(1024, maxBytes)
  }

  /// Feeds the next line (without its newline) and its 1-based number. Returns the previous
  /// event when this line starts a new one.
  public mutating func feed(_ line: String, lineNumber: Int) -> TextEvent? {
    if line.utf8.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) {
      if current == nil { blankLinesSkipped += 1 } else { blanksPending += 1 }
      return nil
    }
    if var pending = current,
      TextLineClassifier.continues(
        Substring(line), previous: Substring(pending.previous))
    {
      current = nil  // keep `pending` uniquely referenced while appending
      for _ in 0..<blanksPending { pending.append("", limits: limits) }
      blanksPending = 0
      pending.append(line, limits: limits)
      pending.last = lineNumber
      pending.previous = line
      current = pending
      return nil
    }
    let done = finish()
    current = Pending(line, number: lineNumber, defaultYear: defaultYear, limits: limits)
    return done
  }

  /// Ends the input: returns the event still being built, if any.
  public mutating func finish() -> TextEvent? {
    guard let pending = current else { return nil }
    current = nil
    blankLinesSkipped += blanksPending
    blanksPending = 0
    return pending.event()
  }

  private var limits: Limits {
    Limits(
      headLines: maxLines - maxLines / 4, tailLines: maxLines / 4,
      headBytes: maxBytes - maxBytes / 4, tailBytes: maxBytes / 4)
  }

  /// Caps of one event.
  struct Limits {
    var headLines: Int
    var tailLines: Int
    var headBytes: Int
    var tailBytes: Int
  }

  /// The event being built.
  private struct Pending {
    let ts: String?
    let level: Severity?
    let headline: String
    let first: Int
    var last: Int
    var previous: String
    var head: [String] = []
    var headBytes = 0
    var headClosed = false
    var tail: [String] = []  // ring buffer
    var tailStart = 0
    var tailBytes = 0
    var omitted = 0
    var cut = false

    init(_ line: String, number: Int, defaultYear: Int, limits: Limits) {
      let prefix = TextLineClassifier.timestampPrefix(line, defaultYear: defaultYear)
      ts = prefix?.ts
      level = TextLineClassifier.level(in: line)
      var text = TextLineClassifier.stripLevelPrefix(prefix?.rest ?? line)
      if text.utf8.count > limits.headBytes {
        text = Self.truncate(text, to: limits.headBytes)
        cut = true
      }
      headline = text
      headBytes = text.utf8.count
      first = number
      last = number
      previous = line
    }

    mutating func append(_ raw: String, limits: Limits) {
      var line = raw
      if !headClosed, head.count < limits.headLines, headBytes + line.utf8.count <= limits.headBytes
      {
        head.append(line)
        headBytes += line.utf8.count
        return
      }
      headClosed = true
      if line.utf8.count > limits.tailBytes {
        line = Self.truncate(line, to: limits.tailBytes)
        cut = true
      }
      if tail.count < limits.tailLines {
        tail.append(line)
      } else {
        tailBytes -= tail[tailStart].utf8.count
        tail[tailStart] = line
        tailStart = (tailStart + 1) % tail.count
        omitted += 1
      }
      tailBytes += line.utf8.count
      while tailBytes > limits.tailBytes, tail.count > 1 {
        tailBytes -= tail[tailStart].utf8.count
        tail.remove(at: tailStart)
        if tailStart >= tail.count { tailStart = 0 }
        omitted += 1
      }
    }

    func event() -> TextEvent {
      var lines: [Substring] = [Substring(headline)]
      lines.reserveCapacity(1 + head.count + tail.count + 1)
      lines.append(contentsOf: head.map { Substring($0) })
      if omitted > 0 {
        lines.append(Substring("    " + TraceLine.omissionMarker + "\(omitted) lines omitted]"))
      }
      for k in 0..<tail.count { lines.append(Substring(tail[(tailStart + k) % tail.count])) }
      let trace = lines.count > 1 ? TraceParser.parse(lines: lines) : nil
      let severity = level ?? (trace?.errorType != nil ? .error : nil)
      return TextEvent(
        ts: ts, severity: severity, message: lines.joined(separator: "\n"), lines: first...last,
        trace: trace, omittedLines: omitted, truncated: omitted > 0 || cut)
    }

    /// At most `limit` bytes of `s`, cut at a character boundary.
    static func truncate(_ s: String, to limit: Int) -> String {
      var end =
        s.utf8.index(s.utf8.startIndex, offsetBy: limit, limitedBy: s.utf8.endIndex)
        ?? s.utf8.endIndex
      while end > s.utf8.startIndex, end < s.utf8.endIndex, s.utf8[end] & 0xC0 == 0x80 {
        end = s.utf8.index(before: end)
      }
      return String(Substring(s.utf8[..<end]))
    }
  }
}
