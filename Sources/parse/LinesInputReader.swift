// `--format lines`: exactly one event per non-blank input line, nothing joined. The message is the line,
// the severity is the level the line states (DEFAULT when none), `src.line` the line number. The
// accuracy tools rely on the numbering, and the path is kept short because they feed it big files.
import GardenKit

struct LinesInputReader {
  let sink: EventSink
  let progress: Progress

  func read(_ input: ByteInput) throws -> ReadOutcome {
    let name = input.displayName
    try InputLines.forEach(input, sink: sink, progress: progress) { buf, info in
      if let bad = UTF8Check.firstInvalid(buf) {
        sink.noteInvalidUTF8(file: name, line: info.number, column: bad + 1)
      }
      var e = Event()
      e.message = MessageBuilder.capped(String(decoding: buf, as: UTF8.self))
      e.severity = TextLineClassifier.level(in: e.message) ?? .default
      e.src = SourceRef(file: name, line: info.number)
      try sink.accept(event: e, timestamp: nil)
    }
    return .complete
  }
}
