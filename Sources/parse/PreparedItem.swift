// What the per-entry work (EntryPreparer) hands to the serial steps (EventSink): an entry turned into
// an event and, for the event as it stands, its filter decision and its encoded output line. The
// serial steps only decide repeats and stitching and copy bytes, so the costly part can run on
// several threads while the output stays in input order.
import GardenKit

/// One piece of input worked out.
enum PreparedItem {
  case entry(PreparedEntry)
  /// A piece that holds no usable entry: its line, the reason and the text kept for `--rejects`.
  case rejected(line: Int, reason: String, text: String)
  /// The piece that follows holds bytes that are not UTF-8 (read as U+FFFD), first at this line
  /// and column of the input.
  case invalidUTF8(line: Int, column: Int)
}

/// One LogEntry normalized, with what the repeat check needs. A class: handing it from the worker
/// to the sink then moves one reference instead of copying every field of the event.
final class PreparedEntry {
  /// The entry's identity for the repeat check (`Deduplicator.key`), nil without an insertId.
  var dedupKey: UInt64?
  /// Where the entry is, kept only for a warning (an unreadable timestamp).
  var src: SourceRef?
  /// The event, whole only when stitching may need it (its message is one entry's plain text);
  /// otherwise only its severity, so that the event's storage is freed by the thread that made it.
  var outcome: EventNormalizer.Outcome
  /// The event's fate when stitching leaves it alone.
  var output: PreparedOutput

  init(dedupKey: UInt64?, src: SourceRef?, outcome: EventNormalizer.Outcome, output: PreparedOutput)
  {
    self.dedupKey = dedupKey
    self.src = src
    self.outcome = outcome
    self.output = output
  }
}

/// An event after the filters, scrubbing and encoding.
enum PreparedOutput {
  /// A filter drops it.
  case dropped(EventFilter.Drop)
  /// Its NDJSON line (without the line break), `range` in `store`.
  case line(LineStore, Range<Int>)
}

/// Encoded lines, appended by one thread while a batch is worked out and only read afterwards.
/// A class so that many outputs share one buffer without copying it.
final class LineStore {
  var bytes: [UInt8] = []

  init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }
}
