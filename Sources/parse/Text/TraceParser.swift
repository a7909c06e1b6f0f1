// Finds and reads a stack trace in a block of text. One entry point for all languages; each
// language has its own file. Pure: text in, value out, never traps on hostile text.
import GardenKit

/// Reads Python, Java, Go and Node stack traces from text.
public enum TraceParser {
  /// Most frames kept per trace. Deeper stacks (runaway recursion) keep the outermost
  /// `maxFrames / 5` and the innermost rest; the count of the others goes to `omittedFrames`.
  public static let maxFrames = 500

  /// The stack trace in `text`, or nil when it holds none. Tried in order: Python (`Traceback`
  /// header or `File "…", line N` frames), Go (`goroutine N [` after `panic:`), Java
  /// (`at pkg.Cls.m(File.java:N)`, `Caused by:`), Node (`    at fn (file:line:col)`).
  public static func parse(_ text: String) -> ParsedTrace? {
    parse(lines: TextLines.split(text))
  }

  /// `parse` over lines already split (no line breaks inside).
  public static func parse(lines: [Substring]) -> ParsedTrace? {
    var hasPython = false
    var hasGo = false
    var hasAt = false
    for line in lines {
      let t = TraceLine.trimLeading(line)
      if t.utf8.starts(with: "Traceback (most recent call last)".utf8)
        || t.utf8.starts(with: "File \"".utf8)
      {
        hasPython = true
      }
      if t.utf8.starts(with: "goroutine ".utf8) { hasGo = true }
      if t.utf8.starts(with: "at ".utf8) { hasAt = true }
    }
    if hasPython, let p = PythonTraceParser.parse(lines) { return p }
    if hasGo, let g = GoTraceParser.parse(lines) { return g }
    if hasAt {
      if let j = JavaTraceParser.parse(lines) { return j }
      if let n = NodeTraceParser.parse(lines) { return n }
    }
    return nil
  }

  /// Caps `frames` (outermost first) at `maxFrames`, keeping both ends.
  static func capped(_ frames: [Frame]) -> (frames: [Frame], omitted: Int) {
    guard frames.count > maxFrames else { return (frames, 0) }
    let head = maxFrames / 5
    let tail = maxFrames - head
    return (Array(frames.prefix(head)) + Array(frames.suffix(tail)), frames.count - maxFrames)
  }

  /// Joins the lines before a trace into its leading message; nil when they are blank.
  static func leadingMessage(_ lines: ArraySlice<Substring>) -> String? {
    let kept = lines.filter { !TraceLine.trimLeading($0).isEmpty && !TraceLine.isOmission($0) }
    guard !kept.isEmpty else { return nil }
    return kept.map { String(TraceLine.trimTrailing($0)) }.joined(separator: "\n")
  }
}
