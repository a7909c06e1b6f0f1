// What the normalizer needs from a stack trace found in a message or a payload field. Kept apart from
// the reader so that swapping the interim reader for the Text/ folder's TraceParser touches one file.
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
    guard text.utf8.count >= 8 else { return nil }
    return TraceFallback.read(text)
  }
}
