// Trace parser invariants: any text gives a trace or nil, within the documented frame cap.
import GardenKit

enum TraceChecks {
  static func run(_ text: String) {
    guard let trace = TraceParser.parse(text) else { return }
    validate(trace, context: "TraceParser.parse")
  }

  static func validate(_ trace: ParsedTrace, context: String) {
    check(
      trace.frames.count <= TraceParser.maxFrames,
      "\(context): \(trace.frames.count) frames, cap is \(TraceParser.maxFrames)")
    check(trace.omittedFrames >= 0, "\(context): omittedFrames \(trace.omittedFrames)")
    check(
      trace.omittedFrames == 0 || trace.frames.count == TraceParser.maxFrames,
      "\(context): \(trace.omittedFrames) frames omitted while only \(trace.frames.count) kept")
    for f in trace.frames {
      check(f.line.map { $0 >= 0 } ?? true, "\(context): negative line \(f.line ?? 0)")
      check(f.column.map { $0 >= 0 } ?? true, "\(context): negative column \(f.column ?? 0)")
    }
  }
}
