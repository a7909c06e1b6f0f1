// The hot path after reading: normalize → drop repeats → filter → scrub → write. Every entry that
// arrives is counted exactly once: as an event written, a duplicate, a filtered event or a rejection.
import GardenKit

final class EventSink {
  let output: OutputStream
  let reporter: Reporter
  var normalizer: EventNormalizer
  let filter: EventFilter
  let scrubbing: EventScrubbing?
  var tally = ParseTally()
  private var dedup = Deduplicator()
  /// Split-trace stitching for the current input, nil when off.
  private var stitching: EntryStitching?
  /// The record being written, reused so that writing allocates nothing per event.
  private var line: [UInt8] = []

  init(options: ParseOptions, output: OutputStream, reporter: Reporter) {
    self.output = output
    self.reporter = reporter
    normalizer = EventNormalizer(keepRaw: options.keepRaw)
    filter = EventFilter(options)
    scrubbing = options.scrub ? EventScrubbing() : nil
  }

  /// One LogEntry object from the input.
  func accept(entry: JSONObject, src: SourceRef) throws {
    tally.entriesIn += 1
    let f = EntryFields(object: entry)
    if dedup.isRepeat(logName: f.logName, timestamp: f.timestamp?.scalarText, insertId: f.insertId)
    {
      tally.duplicates += 1
      return
    }
    let out = normalizer.normalize(f, src: src)
    if let bad = out.invalidTimestamp {
      tally.invalidTimestamps += 1
      reporter.warn(
        kind: "invalid timestamp", file: src.file, line: src.line,
        "timestamp \"\(bad.prefix(80))\" is not RFC 3339; the event keeps no time"
          + (src.line == nil ? " (entry \(src.index.map(String.init) ?? "?"))" : ""))
    }
    if let stitching {
      try stitching.add(out.event, timestamp: out.timestamp, candidate: out.source == .text) {
        try emit($0)
      }
    } else {
      try emit(out.event, timestamp: out.timestamp)
    }
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
    try emit(ready.event, timestamp: ready.timestamp)
  }

  /// An event built directly from the input (plain text), with the number of further input lines
  /// joined into it.
  func accept(event: Event, timestamp: Timestamp?, joined: Int = 0) throws {
    tally.entriesIn += 1 + joined
    tally.joined += joined
    try emit(event, timestamp: timestamp)
  }

  /// A piece of input that holds no usable entry.
  func reject(file: String, line: Int, reason: String, text: @autoclosure () -> String) throws {
    tally.entriesIn += 1
    try reporter.reject(file: file, line: line, reason: reason, text: text())
  }

  private func emit(_ event: Event, timestamp: Timestamp?) throws {
    if filter.isActive, let why = filter.drop(event, timestamp: timestamp) {
      tally.filtered[why, default: 0] += 1
      return
    }
    var e = event
    scrubbing?.scrub(&e)
    tally.sawOutput(e, timestamp: timestamp)
    line.removeAll(keepingCapacity: true)
    EventWriter.write(e, into: &line)
    try line.withUnsafeBufferPointer { try output.writeRawLine($0) }
  }
}
