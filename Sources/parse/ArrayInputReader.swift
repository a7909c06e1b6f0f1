// gcloud's JSON array, streamed element by element: memory is bounded by the largest entry, and a
// cut-off array still yields every complete entry.
import GardenKit

struct ArrayInputReader {
  /// Largest entry worked out; a larger one is rejected and reading goes on.
  static let maxEntryBytes = LineFramer.defaultMaxLineBytes

  let sink: EventSink
  let progress: Progress

  func read(_ input: ByteInput) throws -> ReadOutcome {
    let name = input.displayName
    var framer = JSONArrayFramer(input)
    let pipeline = sink.pipeline(.arrayElement, file: name)
    let end = try framer.forEachElement { buf, info in
      progress.tick(input)
      // The same limit as a line of NDJSON or text. Cloud Logging caps an entry at 256 KB, so
      // this is never a real entry, and parsing it would build a tree several times its size.
      if buf.count > Self.maxEntryBytes {
        try pipeline.reject(
          line: info.line,
          reason:
            "entry \(info.index + 1) of \(buf.count) bytes is longer than the \(Self.maxEntryBytes >> 20) MiB limit"
        )
        return true
      }
      try pipeline.add(buf, line: info.line, index: info.index)
      return true
    }
    try pipeline.finish()
    switch end {
    case .complete, .stopped: return .complete
    case .truncated(_, let line, let reason): return .truncated("line \(line): \(reason)")
    case .malformed(_, let line, let reason): return .malformed("line \(line): \(reason)")
    }
  }
}
