// gcloud's JSON array, streamed element by element: memory is bounded by the largest entry, and a
// cut-off array still yields every complete entry.
import GardenKit

struct ArrayInputReader {
  let sink: EventSink
  let progress: Progress

  func read(_ input: ByteInput) throws -> ReadOutcome {
    let name = input.displayName
    var framer = JSONArrayFramer(input)
    let pipeline = sink.pipeline(.arrayElement, file: name)
    let end = try framer.forEachElement { buf, info in
      progress.tick(input)
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
