// One event made of several entries that each held one line of a stack trace. The earliest part
// gives the event its identity (src, id, resource, labels, request); the text of all parts, in
// reading order, gives the message and the trace.
import GardenKit

enum StitchedEvent {
  /// Joins `parts` (in reading order, earliest first) into one event with its parsed time.
  static func join(_ parts: [(event: Event, timestamp: Timestamp?)]) -> (Event, Timestamp?)? {
    guard let first = parts.first else { return nil }
    var e = first.event
    e.message = MessageBuilder.capped(parts.map(\.event.message).joined(separator: "\n"))
    e.parts = parts.dropFirst().compactMap(\.event.src)
    e.severity = parts.map(\.event.severity).max() ?? first.event.severity
    // The platform's blanket level stays on record only when the joined event does not have it.
    e.platformSeverity = parts.lazy.compactMap(\.event.platformSeverity).first
    if e.platformSeverity == e.severity.name { e.platformSeverity = nil }
    if let trace = TraceSummary.read(e.message) {
      e.error =
        trace.errorType != nil || trace.errorValue != nil
        ? ErrorInfo(
          type: trace.errorType, value: trace.errorValue, rootType: trace.rootType,
          rootValue: trace.rootValue) : nil
      e.frames = trace.frames
      // An uncaught exception printed with nothing else to go on is an error.
      if e.severity == .default, trace.errorType != nil { e.severity = .error }
    }
    return (e, first.timestamp)
  }
}
