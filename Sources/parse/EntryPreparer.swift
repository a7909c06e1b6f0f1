// The work on one entry that needs nothing from other entries: read its JSON, unwrap envelopes,
// normalize, then filter, scrub and encode the event as it stands. One preparer per thread: it
// owns a scrubbing memo, so two threads never share one.
import GardenKit

final class EntryPreparer {
  let normalizer: EventNormalizer
  let filter: EventFilter
  let scrubbing: EventScrubbing?

  init(options: ParseOptions) {
    normalizer = EventNormalizer(keepRaw: options.keepRaw)
    filter = EventFilter(options)
    scrubbing = options.scrub ? EventScrubbing() : nil
  }

  /// One LogEntry object, its output line appended to `store`.
  func entry(_ object: JSONObject, src: SourceRef, store: LineStore) -> PreparedEntry {
    let f = EntryFields(object: object)
    var outcome = normalizer.normalize(f, src: src)
    let output: PreparedOutput
    if outcome.source == .text {
      // A stitching candidate: the sink needs the event as it was read, so scrub a copy.
      output = self.output(outcome.event, timestamp: outcome.timestamp, store: store)
    } else {
      // Not a candidate: the sink needs only the severity (for its counts), so the event itself
      // is moved out, scrubbed in place and freed here (copying it retained every field).
      var event = Event()
      event.severity = outcome.event.severity
      swap(&event, &outcome.event)
      output = self.output(event, timestamp: outcome.timestamp, store: store)
    }
    return PreparedEntry(
      dedupKey: Deduplicator.key(
        logName: f.logName, timestamp: f.timestamp?.scalarText, insertId: f.insertId),
      src: outcome.invalidTimestamp == nil ? nil : src, outcome: outcome, output: output)
  }

  /// The filter decision for `event`, or its scrubbed NDJSON line appended to `store`.
  func output(_ event: consuming Event, timestamp: Timestamp?, store: LineStore) -> PreparedOutput {
    if filter.isActive, let why = filter.drop(event, timestamp: timestamp) { return .dropped(why) }
    let start = store.bytes.count
    if let scrubbing {
      scrubbing.scrub(&event)
      EventWriter.write(event, into: &store.bytes)
    } else {
      EventWriter.write(event, into: &store.bytes)
    }
    return .line(store, start..<store.bytes.count)
  }

  /// One element of a gcloud JSON array (`index` counts from 0, `line` is where it starts).
  func arrayElement(
    _ buf: UnsafeBufferPointer<UInt8>, file: String, line: Int, index: Int, store: LineStore,
    into items: inout [PreparedItem]
  ) {
    switch JSONReader.result(buf) {
    case .failure(let e):
      let (l, c) = JSONError.lineColumn(of: e.offset, in: buf)
      items.append(
        .rejected(
          line: line + l - 1,
          reason:
            "entry \(index + 1) is not valid JSON: \(e.reason) (line \(line + l - 1), column \(c))",
          text: String(decoding: buf, as: UTF8.self)))
    case .success(let value):
      EntryUnwrapper.unwrap(value) { item in
        switch item {
        case .entry(let o):
          items.append(
            .entry(entry(o, src: SourceRef(file: file, line: line, index: index), store: store)))
        case .rejected(let reason):
          items.append(
            .rejected(
              line: line, reason: "entry \(index + 1): " + reason,
              text: String(decoding: buf, as: UTF8.self)))
        }
      }
    }
  }

  /// One line of NDJSON (`requireEnvelope`: only Pub/Sub envelopes are entries).
  func ndjsonLine(
    _ buf: UnsafeBufferPointer<UInt8>, file: String, line: Int, requireEnvelope: Bool,
    store: LineStore, into items: inout [PreparedItem]
  ) {
    switch JSONReader.result(buf) {
    case .failure(let e):
      items.append(
        .rejected(
          line: line, reason: "not valid JSON: \(e.reason) at column \(e.offset + 1)",
          text: String(decoding: buf, as: UTF8.self)))
    case .success(let value):
      var index = 0
      let nested = value.object?["entries"] != nil || value.array != nil
      EntryUnwrapper.unwrap(value, requireEnvelope: requireEnvelope) { item in
        switch item {
        case .entry(let o):
          let src = SourceRef(file: file, line: line, index: nested ? index : nil)
          items.append(.entry(entry(o, src: src, store: store)))
        case .rejected(let reason):
          items.append(
            .rejected(line: line, reason: reason, text: String(decoding: buf, as: UTF8.self)))
        }
        index += 1
      }
    }
  }
}
