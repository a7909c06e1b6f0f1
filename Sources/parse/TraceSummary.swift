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
    guard text.utf8.count >= 8, text.utf8.contains(0x0A),
      markers.contains(where: { ByteSearch.contains($0, in: text) }),
      let parsed = TraceParser.parse(text)
    else { return nil }
    return TraceSummary(parsed)
  }

  init(_ p: ParsedTrace) {
    errorType = p.errorType
    errorValue = p.errorValue
    rootType = p.rootCause?.type
    rootValue = p.rootCause?.value
    frames = p.frames
  }
}
