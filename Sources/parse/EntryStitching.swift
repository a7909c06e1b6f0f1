// Split-trace stitching for JSON inputs: Cloud Run (and other captured streams) may store a
// traceback one line per entry. Entries whose message is plain text are offered to TraceStitcher;
// events wait in a small ordered queue until the stitcher has decided about every candidate
// before them, so the output order is the input order, a joined event standing where its first
// part (in input order) stood.
//
// Memory: the stitcher closes a run once the stream is more than its gap (5 ms of log time) away
// from it, and any entry with a time moves the stream on. The queue is also capped
// (`maxQueued` events, `maxQueuedBytes` of message text): past that every open run is closed.
// So nothing waits for more than a few milliseconds of log time or a few thousand entries.
import GardenKit

/// An event ready for the filters, with its parsed time and the number of entries joined into it.
/// `output`: the event's prepared output, nil when it has none or stitching changed the event.
typealias ReadyEvent = (event: Event, timestamp: Timestamp?, joined: Int, output: PreparedOutput?)

final class EntryStitching {
  /// Most events waiting in the queue.
  static let maxQueued = 4096
  /// Most message bytes waiting in the queue.
  static let maxQueuedBytes = 16 << 20

  private enum Slot {
    case ready(Event, Timestamp?, joined: Int, PreparedOutput?)
    case pending(Event, Timestamp?, PreparedOutput?)
    /// Joined into an event that stands in an earlier slot.
    case absorbed
  }

  private var stitcher = TraceStitcher()
  private var slots: [Slot] = []
  /// Index in `slots` of the oldest slot not yet written.
  private var head = 0
  /// Sequence number (fragment index) of `slots[head]`.
  private var headSeq = 0
  private var queuedBytes = 0

  /// Offers one event. `candidate`: its message is one entry's plain text, so it may be a line of
  /// a split trace. `output` is the event's prepared output, handed on unless the event is joined.
  /// Calls `emit` for every event that is ready, in order.
  func add(
    _ event: Event, timestamp: Timestamp?, candidate: Bool, output: PreparedOutput? = nil,
    emit: (ReadyEvent) throws -> Void
  ) throws {
    let nanos = timestamp.flatMap(Self.epochNanos)
    if candidate, let nanos {
      let seq = headSeq + slots.count - head
      append(.pending(event, timestamp, output), bytes: event.message.utf8.count)
      let key =
        (event.log ?? "") + "\u{1F}" + (event.service ?? "") + "\u{1F}"
        + (event.instance ?? "")
      let fragment = StitchFragment(
        index: seq, ts: event.ts ?? "", key: key, text: event.message, severity: event.severity)
      apply(stitcher.add(fragment, nanos: nanos))
    } else {
      if head == slots.count {
        try emit((event, timestamp, 0, output))  // nothing waits: straight through
        return
      }
      append(.ready(event, timestamp, joined: 0, output), bytes: event.message.utf8.count)
      if let nanos { apply(stitcher.advance(to: nanos)) }
    }
    if slots.count - head > Self.maxQueued || queuedBytes > Self.maxQueuedBytes {
      apply(stitcher.finish())
    }
    try drain(emit)
  }

  /// Ends an input: decides every open run and writes everything that waits.
  func finish(emit: (ReadyEvent) throws -> Void) throws {
    apply(stitcher.finish())
    try drain(emit)
  }

  private func append(_ slot: Slot, bytes: Int) {
    slots.append(slot)
    queuedBytes += bytes
  }

  private func apply(_ groups: [StitchGroup]) {
    for g in groups {
      let positions = g.indices.map { head + $0 - headSeq }.filter {
        $0 >= head && $0 < slots.count
      }
      if positions.count == 1, let p = positions.first {
        // One entry on its own, the common case: it is ready as it is.
        let slot = take(p)
        if case .pending(let e, let t, let o) = slot {
          slots[p] = .ready(e, t, joined: 0, o)
        } else {
          slots[p] = slot
        }
        continue
      }
      let pending = positions.filter {
        if case .pending = slots[$0] { return true }
        return false
      }
      guard pending.count > 1, pending.count == g.indices.count, let target = pending.min() else {
        // A group that does not match the queue: each part stays as it is.
        for p in pending {
          if case .pending(let e, let t, let o) = take(p) { slots[p] = .ready(e, t, joined: 0, o) }
        }
        continue
      }
      let parts: [(event: Event, timestamp: Timestamp?)] = pending.compactMap {
        if case .pending(let e, let t, _) = take($0) { return (e, t) }
        return nil
      }
      guard let (joined, t) = StitchedEvent.join(parts) else { continue }
      queuedBytes +=
        joined.message.utf8.count - parts.reduce(0) { $0 + $1.event.message.utf8.count }
      slots[target] = .ready(joined, t, joined: parts.count - 1, nil)
    }
  }

  private func drain(_ emit: (ReadyEvent) throws -> Void) throws {
    while head < slots.count {
      if case .pending = slots[head] { return compact() }
      if case .ready(let e, let t, let joined, let o) = take(head) {
        advanceHead(bytes: e.message.utf8.count)
        try emit((e, t, joined, o))
      } else {
        advanceHead(bytes: 0)
      }
    }
    compact()
  }

  /// Moves the slot at `i` out, leaving `.absorbed` (a swap: no copy of the event).
  private func take(_ i: Int) -> Slot {
    var slot = Slot.absorbed
    swap(&slot, &slots[i])
    return slot
  }

  private func advanceHead(bytes: Int) {
    head += 1
    headSeq += 1
    queuedBytes -= bytes
  }

  /// Drops written slots from the front of the array once they are many.
  private func compact() {
    if head == slots.count {
      slots.removeAll(keepingCapacity: true)
      head = 0
      queuedBytes = 0
    } else if head >= 1024 {
      slots.removeFirst(head)
      head = 0
    }
  }

  /// Nanoseconds since the epoch, nil when they do not fit in 64 bits.
  static func epochNanos(_ t: Timestamp) -> Int64? {
    let (s, o1) = t.seconds.multipliedReportingOverflow(by: 1_000_000_000)
    let (n, o2) = s.addingReportingOverflow(Int64(t.nanos))
    return o1 || o2 ? nil : n
  }
}
