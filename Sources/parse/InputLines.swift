// The line loop shared by the line-based readers (NDJSON, Pub/Sub, `--format lines`): progress,
// the report for a line over the size limit, and skipping blank lines.
import GardenKit

enum InputLines {
  /// Calls `body` with every non-blank line of `input` that is within the size limit; a longer line
  /// is rejected with its length, through `pipeline` when there is one (so that it keeps its place
  /// among the lines waiting there) or else through `sink`.
  static func forEach(
    _ input: ByteInput, sink: EventSink, progress: Progress,
    pipeline: PreparationPipeline? = nil,
    _ body: (UnsafeBufferPointer<UInt8>, LineInfo) throws -> Void
  ) throws {
    let name = input.displayName
    var framer = LineFramer(input)
    try framer.forEachLine { buf, info in
      progress.tick(input)
      if info.oversizedLength > 0 {
        let reason =
          "line of \(info.oversizedLength) bytes is longer than the \(LineFramer.defaultMaxLineBytes >> 20) MiB limit"
        if let pipeline {
          try pipeline.reject(line: info.number, reason: reason)
        } else {
          try sink.reject(file: name, line: info.number, reason: reason, text: "")
        }
        return true
      }
      if NDJSONInputReader.isBlank(buf) { return true }
      try body(buf, info)
      return true
    }
  }
}
