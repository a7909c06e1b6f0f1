// What the normalizer needs from a stack trace found in a message or a payload field, read with the
// Text/ folder's TraceParser behind a cheap pre-check.
import GardenKit

/// The error a trace reports and its frames (outermost first, innermost last).
struct TraceSummary: Equatable {
  var errorType: String?
  var errorValue: String?
  var rootType: String?
  var rootValue: String?
  var frames: [Frame] = []

  /// Reads the trace in `text`, if it holds one.
  static func read(_ text: String) -> TraceSummary? {
    // Traces span lines and carry frame lines; most messages have neither, and this check is cheap.
    guard text.utf8.count >= 8, hasMarker(text), let parsed = TraceParser.parse(text) else {
      return nil
    }
    return TraceSummary(parsed)
  }

  /// Words that open a frame line after its indentation (Java/Node `at `, Python `File "`).
  private static let frameStarts: [[UInt8]] = [Array("at ".utf8), Array("File \"".utf8)]
  /// Words that only trace headers have, wherever they stand (Python, Go).
  private static let headers: [[UInt8]] = [Array("Traceback (".utf8), Array("goroutine ".utf8)]

  /// True when `text` spans lines and has a line that opens like a frame (any indentation, also
  /// none, before `at ` or `File "`), a tab before `at `, or a trace header. One pass over the bytes; the parsers
  /// accept any indentation, so the check must too.
  static func hasMarker(_ text: String) -> Bool {
    var t = text
    return t.withUTF8 { b -> Bool in
      guard b.contains(0x0A) else { return false }
      var lineStart = true
      var i = 0
      while i < b.count {
        let c = b[i]
        if lineStart {
          var j = i
          while j < b.count, b[j] == 0x20 || b[j] == 0x09 { j += 1 }
          for w in frameStarts where starts(b, at: j, with: w) { return true }
          lineStart = false
          i = j
          continue
        }
        if c == 0x0A {
          lineStart = true
        } else if c == 0x09, starts(b, at: i + 1, with: frameStarts[0]) {
          return true  // a tab-indented `at ` inside a line (frames flattened with tabs)
        } else if c == 0x54 || c == 0x67 {  // T, g
          for w in headers where w[0] == c && starts(b, at: i, with: w) { return true }
        }
        i += 1
      }
      return false
    }
  }

  @inline(__always)
  private static func starts(_ b: UnsafeBufferPointer<UInt8>, at i: Int, with w: [UInt8]) -> Bool {
    guard b.count - i >= w.count else { return false }
    for k in 0..<w.count where b[i + k] != w[k] { return false }
    return true
  }

  init(_ p: ParsedTrace) {
    errorType = p.errorType
    errorValue = p.errorValue
    rootType = p.rootCause?.type
    rootValue = p.rootCause?.value
    frames = p.frames
  }
}
