// `--format text` (and plain text detected automatically): lines become events through the Text/
// folder's TextEventAssembler, which reads timestamp and level prefixes and joins the continuation
// lines of stack traces. The joined lines are counted, so entries_in (lines that belong to events)
// = events + joined.
import GardenKit

struct TextInputReader {
  let sink: EventSink
  let progress: Progress

  func read(_ input: ByteInput) throws -> ReadOutcome {
    let name = input.displayName
    var assembler = TextEventAssembler()
    var framer = LineFramer(input)
    try framer.forEachLine { buf, info in
      progress.tick(input)
      if info.oversizedLength > 0 {
        if let done = assembler.finish() { try emit(done, name) }
        try sink.reject(
          file: name, line: info.number,
          reason:
            "line of \(info.oversizedLength) bytes is longer than the \(LineFramer.defaultMaxLineBytes >> 20) MiB limit",
          text: "")
        return true
      }
      if let bad = UTF8Check.firstInvalid(buf) {
        sink.noteInvalidUTF8(file: name, line: info.number, column: bad + 1)
      }
      if let done = assembler.feed(String(decoding: buf, as: UTF8.self), lineNumber: info.number) {
        try emit(done, name)
      }
      return true
    }
    if let done = assembler.finish() { try emit(done, name) }
    return .complete
  }

  private func emit(_ t: TextEvent, _ name: String) throws {
    var e = Event()
    e.message = MessageBuilder.capped(t.message, alreadyCut: t.truncated)
    e.severity = t.severity ?? .default
    e.src = SourceRef(file: name, line: t.lines.lowerBound)
    var timestamp: Timestamp?
    if let ts = t.ts, let (parsed, canonical) = TimestampReading.read(ts) {
      timestamp = parsed
      e.ts = canonical
    }
    if let trace = t.trace {
      let s = TraceSummary(trace)
      if s.errorType != nil || s.errorValue != nil {
        e.error = ErrorInfo(
          type: s.errorType, value: s.errorValue, rootType: s.rootType, rootValue: s.rootValue)
      }
      e.frames = s.frames
    }
    try sink.accept(event: e, timestamp: timestamp, joined: t.lines.count - 1)
  }
}
