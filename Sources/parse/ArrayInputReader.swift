// gcloud's JSON array, streamed element by element: memory is bounded by the largest entry, and a
// cut-off array still yields every complete entry.
import GardenKit

struct ArrayInputReader {
  let sink: EventSink
  let progress: Progress

  func read(_ input: ByteInput) throws -> ReadOutcome {
    let name = input.displayName
    var framer = JSONArrayFramer(input)
    let end = try framer.forEachElement { buf, info in
      progress.tick(input)
      switch JSONReader.result(buf) {
      case .failure(let e):
        let (l, c) = JSONError.lineColumn(of: e.offset, in: buf)
        try sink.reject(
          file: name, line: info.line + l - 1,
          reason:
            "entry \(info.index + 1) is not valid JSON: \(e.reason) (line \(info.line + l - 1), column \(c))",
          text: String(decoding: buf, as: UTF8.self))
      case .success(let value):
        try EntryUnwrapper.unwrap(value) { item in
          switch item {
          case .entry(let o):
            try sink.accept(
              entry: o, src: SourceRef(file: name, line: info.line, index: info.index))
          case .rejected(let reason):
            try sink.reject(
              file: name, line: info.line, reason: "entry \(info.index + 1): " + reason,
              text: String(decoding: buf, as: UTF8.self))
          }
        }
      }
      return true
    }
    switch end {
    case .complete, .stopped: return .complete
    case .truncated(_, let line, let reason): return .truncated("line \(line): \(reason)")
    case .malformed(_, let line, let reason): return .malformed("line \(line): \(reason)")
    }
  }
}
