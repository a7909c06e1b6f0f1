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

  /// Line starts that only stack traces have (Java/Node frames, Python frames and header, Go).
  static let markers = [
    "\tat ", "\n    at ", "\n  at ", "\nat ", "Traceback (", "\n  File \"", "goroutine ",
  ]

  /// Reads the trace in `text`, if it holds one.
  static func read(_ text: String) -> TraceSummary? {
    // Traces span lines and carry frame lines; most messages have neither, and this check is cheap.
    guard text.utf8.count >= 8, hasMarker(text), let parsed = TraceParser.parse(text) else {
      return nil
    }
    return TraceSummary(parsed)
  }

  /// Marker bytes, for the one-pass check.
  private static let markerBytes = markers.map { Array($0.utf8) }

  /// True when `text` has a line break and one of `markers`, found in one pass over the bytes:
  /// each marker starts with `\t`, `\n`, `T` or `g`, so only those bytes are looked at.
  static func hasMarker(_ text: String) -> Bool {
    var t = text
    return t.withUTF8 { b -> Bool in
      guard b.contains(0x0A) else { return false }
      for i in 0..<b.count {
        let c = b[i]
        guard c == 0x09 || c == 0x0A || c == 0x54 || c == 0x67 else { continue }
        for m in markerBytes where m[0] == c && b.count - i >= m.count {
          var k = 1
          while k < m.count, b[i + k] == m[k] { k += 1 }
          if k == m.count { return true }
        }
      }
      return false
    }
  }

  init(_ p: ParsedTrace) {
    errorType = p.errorType
    errorValue = p.errorValue
    rootType = p.rootCause?.type
    rootValue = p.rootCause?.value
    frames = p.frames
  }
}
