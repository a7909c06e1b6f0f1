// One JSON value per line: LogEntries, Pub/Sub envelopes (decoded per line), API responses. A line
// that is not JSON is rejected with its line number and the run goes on. The lines are worked out
// by EntryPreparer.ndjsonLine, on several threads.
import GardenKit

struct NDJSONInputReader {
  let sink: EventSink
  let progress: Progress
  /// Only Pub/Sub envelopes are accepted (`--format pubsub`).
  var requireEnvelope = false

  func read(_ input: ByteInput) throws -> ReadOutcome {
    let name = input.displayName
    let pipeline = sink.pipeline(.ndjsonLine(requireEnvelope: requireEnvelope), file: name)
    try InputLines.forEach(input, sink: sink, progress: progress, pipeline: pipeline) { buf, info in
      try pipeline.add(buf, line: info.number)
    }
    try pipeline.finish()
    return .complete
  }

  static func isBlank(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    for c in b where !(c == 0x20 || c == 0x09 || c == 0x0D) { return false }
    return true
  }
}
