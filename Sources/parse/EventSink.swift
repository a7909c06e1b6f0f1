// The serial steps after the per-entry work: drop repeats → stitch split traces → write, in input
// order. Every entry that arrives is counted exactly once: as an event written, a duplicate, a
// filtered event or a rejection.
import GardenKit

final class EventSink {
  let output: OutputStream
  let reporter: Reporter
  let options: ParseOptions
  /// The per-entry work done on the calling thread (documents, text, joined events).
  let preparer: EntryPreparer
  var tally = ParseTally()
  private var dedup = Deduplicator()
  /// Split-trace stitching for the current input, nil when off.
  private var stitching: EntryStitching?
  /// Where events that were not prepared ahead are encoded; reused, so writing allocates nothing.
  private let scratch = LineStore()

  init(options: ParseOptions, output: OutputStream, reporter: Reporter) {
    self.output = output
    self.reporter = reporter
    self.options = options
    preparer = EntryPreparer(options: options)
  }

  /// One LogEntry object from the input, worked out on this thread.
  func accept(entry: JSONObject, src: SourceRef) throws {
    try consume(.entry(preparer.entry(entry, src: src, store: LineStore())), file: src.file)
  }

  /// A pipeline that works out pieces of `file` on `options.threads` threads and hands them here.
  func pipeline(_ kind: PreparationPipeline.Kind, file: String) -> PreparationPipeline {
    PreparationPipeline(
      kind: kind, file: file, sink: self, options: options, threads: options.threads)
  }

  /// One piece of input of `file`, worked out (possibly on another thread).
  func consume(_ item: PreparedItem, file: String) throws {
    let p: PreparedEntry
    switch item {
    case .rejected(let line, let reason, let text):
      return try reject(file: file, line: line, reason: reason, text: text)
    case .invalidUTF8(let line, let column):
      return noteInvalidUTF8(file: file, line: line, column: column)
    case .entry(let entry):
      p = entry
    }
    tally.entriesIn += 1
    if dedup.isRepeat(key: p.dedupKey) {
      tally.duplicates += 1
      return
    }
    let out = p.outcome
    if let bad = out.invalidTimestamp, let src = p.src {
      tally.invalidTimestamps += 1
      reporter.warn(
        kind: "invalid timestamp", file: src.file, line: src.line,
        "timestamp \"\(scrubbed(String(bad.prefix(80))))\" is not RFC 3339; the event keeps no time"
          + (src.line == nil ? " (entry \(src.index.map(String.init) ?? "?"))" : ""))
    }
    if let stitching {
      try stitching.add(
        out.event, timestamp: out.timestamp, candidate: out.source == .text, output: p.output
      ) {
        try emit($0)
      }
    } else {
      try emit(out.event, timestamp: out.timestamp, output: p.output)
    }
  }

  /// A piece of input (an entry, a line) holding bytes that are not UTF-8, first at line:column.
  func noteInvalidUTF8(file: String, line: Int, column: Int) {
    tally.invalidUTF8 += 1
    reporter.warn(
      kind: "invalid UTF-8", file: file, line: line,
      "bytes that are not UTF-8 at column \(column) were read as U+FFFD")
  }

  /// Starts an input; `stitch` joins split traces in it (JSON inputs).
  func beginInput(stitch: Bool) {
    stitching = stitch ? EntryStitching() : nil
  }

  /// Ends an input: writes every event still waiting for the stitcher.
  func endInput() throws {
    guard let s = stitching else { return }
    stitching = nil
    try s.finish { try emit($0) }
  }

  private func emit(_ ready: ReadyEvent) throws {
    tally.joined += ready.joined
    try emit(ready.event, timestamp: ready.timestamp, output: ready.output)
  }

  /// An event built directly from the input (plain text), with the number of further input lines
  /// joined into it.
  func accept(event: Event, timestamp: Timestamp?, joined: Int = 0) throws {
    tally.entriesIn += 1 + joined
    tally.joined += joined
    try emit(event, timestamp: timestamp, output: nil)
  }

  /// A piece of input that holds no usable entry; its text (for `--rejects`) is scrubbed like
  /// events are.
  func reject(file: String, line: Int, reason: String, text: @autoclosure () -> String) throws {
    tally.entriesIn += 1
    try reporter.reject(file: file, line: line, reason: reason, text: scrubbed(text()))
  }

  /// `text` scrubbed unless scrubbing is off: warnings and rejects leave parse too.
  private func scrubbed(_ text: String) -> String {
    preparer.scrubbing?.scrubber.scrub(text) ?? text
  }

  /// Writes `event` through its prepared output, or works that out now when there is none (a
  /// joined event, plain text).
  private func emit(_ event: Event, timestamp: Timestamp?, output prepared: PreparedOutput?) throws
  {
    let result: PreparedOutput
    if let prepared {
      result = prepared
    } else {
      scratch.bytes.removeAll(keepingCapacity: true)
      result = preparer.output(event, timestamp: timestamp, store: scratch)
    }
    switch result {
    case .dropped(let why):
      tally.filtered[why, default: 0] += 1
    case .line(let store, let range):
      tally.sawOutput(event, timestamp: timestamp)
      try store.bytes.withUnsafeBufferPointer {
        try output.writeRawLine(UnsafeBufferPointer(rebasing: $0[range]))
      }
    }
  }
}
