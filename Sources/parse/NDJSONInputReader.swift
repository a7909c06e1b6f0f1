// One JSON value per line: LogEntries, Pub/Sub envelopes (decoded per line), API responses. A line
// that is not JSON is rejected with its line number and the run goes on.
import GardenKit

struct NDJSONInputReader {
  let sink: EventSink
  let progress: Progress
  /// Only Pub/Sub envelopes are accepted (`--format pubsub`).
  var requireEnvelope = false

  func read(_ input: ByteInput) throws -> ReadOutcome {
    let name = input.displayName
    try InputLines.forEach(input, sink: sink, progress: progress) { buf, info in
      switch JSONReader.result(buf) {
      case .failure(let e):
        try sink.reject(
          file: name, line: info.number,
          reason: "not valid JSON: \(e.reason) at column \(e.offset + 1)",
          text: String(decoding: buf, as: UTF8.self))
      case .success(let value):
        var index = 0
        try EntryUnwrapper.unwrap(value, requireEnvelope: requireEnvelope) { item in
          switch item {
          case .entry(let o):
            let nested = value.object?["entries"] != nil || value.array != nil
            try sink.accept(
              entry: o, src: SourceRef(file: name, line: info.number, index: nested ? index : nil))
          case .rejected(let reason):
            try sink.reject(
              file: name, line: info.number, reason: reason,
              text: String(decoding: buf, as: UTF8.self))
          }
          index += 1
        }
      }
    }
    return .complete
  }

  static func isBlank(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    for c in b where !(c == 0x20 || c == 0x09 || c == 0x0D) { return false }
    return true
  }
}
