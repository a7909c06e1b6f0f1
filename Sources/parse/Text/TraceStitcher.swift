// Re-joins stack traces that Cloud Logging stored one line per entry. Works on small fragments
// (timestamp, log+instance key, text), so the JSON side decides what a fragment is.
import GardenKit

/// One log entry offered for stitching.
public struct StitchFragment: Equatable, Sendable {
  /// Position in the input (array index or line number); identifies the fragment in the output.
  public var index: Int
  /// RFC 3339 timestamp. Fragments whose timestamp does not parse are never joined.
  public var ts: String
  /// What must be equal for two fragments to be joined: log name plus instance (or pod) id.
  public var key: String
  /// The entry's text (`textPayload` or message).
  public var text: String
  /// The entry's severity, if it has one.
  public var severity: Severity?

  /// Creates a fragment.
  public init(index: Int, ts: String, key: String, text: String, severity: Severity? = nil) {
    self.index = index
    self.ts = ts
    self.key = key
    self.text = text
    self.severity = severity
  }
}

/// A group of fragments that form one event.
public struct StitchGroup: Equatable, Sendable {
  /// Fragment indices in reading order (oldest first, so a Python trace reads header to
  /// exception). A single index for a fragment that joins nothing.
  public var indices: [Int]
  /// Timestamp of the earliest fragment, as written.
  public var ts: String
  /// The highest severity among the fragments, nil when none has one.
  public var severity: Severity?
}

/// Groups per-line fragments of a stack trace back into one event.
///
/// Fragments with the same key whose timestamps lie within `maxGapNanos` of their neighbours
/// form a run. A run is ordered by time (ties: by input position, in the direction that reads as
/// a trace), then cut into groups: a fragment joins the group before it when its first line
/// continues that group's last line (`TextLineClassifier.isContinuation`). A joined group must
/// hold a stack trace, otherwise its fragments stay single. Input may be newest-first (gcloud's
/// default) or oldest-first.
///
/// Memory: one open run per key, closed as soon as a fragment arrives more than `maxGapNanos`
/// away from it (in a time-sorted stream, either direction, nothing can join it after that) or
/// when it reaches `maxRunFragments` or `maxRunBytes`. So the stitcher holds only the fragments of
/// the last few milliseconds per key. Unsorted input still works but may cut a trace in two.
public struct TraceStitcher {
  /// Default largest gap between neighbouring fragments of one trace: 5 ms.
  public static let defaultMaxGapNanos: Int64 = 5_000_000
  /// Default most fragments held in one run.
  public static let defaultMaxRunFragments = 10_000
  /// Default most text bytes held in one run (4 MiB).
  public static let defaultMaxRunBytes = 4 << 20

  /// Largest gap between neighbouring fragments, in nanoseconds.
  public let maxGapNanos: Int64
  /// Most fragments held in one run before it is closed.
  public let maxRunFragments: Int
  /// Most text bytes held in one run before it is closed.
  public let maxRunBytes: Int

  private struct Item {
    var fragment: StitchFragment
    var nanos: Int64
  }

  private struct Run {
    var items: [Item]
    var low: Int64
    var high: Int64
    var bytes: Int
  }

  private var runs: [String: Run] = [:]
  /// Bounds over the open runs (every run's high is at least `lowestHigh`, every low at most
  /// `highestLow`), kept loose and made exact after each scan. When a time is within the gap of
  /// both, no run can be stale and the scan is skipped: most entries cost no scan at all.
  private var lowestHigh = Int64.max
  private var highestLow = Int64.min
  private var lastNanos: Int64?
  private var ascendingSteps = 0
  private var descendingSteps = 0

  /// Creates a stitcher.
  public init(
    maxGapNanos: Int64 = defaultMaxGapNanos, maxRunFragments: Int = defaultMaxRunFragments,
    maxRunBytes: Int = defaultMaxRunBytes
  ) {
    self.maxGapNanos = max(0, maxGapNanos)
    self.maxRunFragments = max(1, maxRunFragments)
    self.maxRunBytes = max(1, maxRunBytes)
  }

  /// Stitches a whole input; groups come out ordered by timestamp (ties by key, then position),
  /// so the result does not depend on the input order.
  public static func stitch(
    _ fragments: [StitchFragment], maxGapNanos: Int64 = defaultMaxGapNanos
  ) -> [StitchGroup] {
    var s = TraceStitcher(maxGapNanos: maxGapNanos)
    var out: [StitchGroup] = []
    for f in fragments { out += s.add(f) }
    out += s.finish()
    let keyOf = Dictionary(fragments.map { ($0.index, $0.key) }, uniquingKeysWith: { a, _ in a })
    let sortable = out.map { g in
      (
        nanos: TextTime.epochNanos(g.ts) ?? Int64.max, key: keyOf[g.indices[0]] ?? "",
        first: g.indices.min() ?? 0, group: g
      )
    }
    return sortable.sorted { a, b in
      if a.nanos != b.nanos { return a.nanos < b.nanos }
      if a.key != b.key { return a.key < b.key }
      return a.first < b.first
    }.map(\.group)
  }

  /// True when no fragment is held.
  public var isIdle: Bool { runs.isEmpty }

  /// Adds the next fragment; returns the groups this closes (possibly none).
  public mutating func add(_ fragment: StitchFragment) -> [StitchGroup] {
    add(fragment, nanos: TextTime.epochNanos(fragment.ts))
  }

  /// `add` with the fragment's time already known (nanoseconds since the epoch; nil: not a time),
  /// so a caller that parsed the timestamp once does not parse it again.
  public mutating func add(_ fragment: StitchFragment, nanos: Int64?) -> [StitchGroup] {
    guard let nanos else {
      return [StitchGroup(indices: [fragment.index], ts: fragment.ts, severity: fragment.severity)]
    }
    if let last = lastNanos {
      if nanos > last { ascendingSteps += 1 } else if nanos < last { descendingSteps += 1 }
    }
    lastNanos = nanos
    // Close every other run the stream has moved past.
    var closed = closeStale(at: nanos, except: fragment.key)
    let item = Item(fragment: fragment, nanos: nanos)
    let size = fragment.text.utf8.count
    if var run = runs.removeValue(forKey: fragment.key) {
      if distance(nanos, run) > maxGapNanos || run.items.count >= maxRunFragments
        || run.bytes + size > maxRunBytes
      {
        closed.append(run)
        runs[fragment.key] = Run(items: [item], low: nanos, high: nanos, bytes: size)
        widenBounds(nanos)
      } else {
        run.items.append(item)
        run.low = min(run.low, nanos)
        run.high = max(run.high, nanos)
        run.bytes += size
        runs[fragment.key] = run
      }
    } else {
      runs[fragment.key] = Run(items: [item], low: nanos, high: nanos, bytes: size)
      widenBounds(nanos)
    }
    return closed.isEmpty ? [] : resolve(closed)
  }

  private mutating func widenBounds(_ nanos: Int64) {
    lowestHigh = min(lowestHigh, nanos)
    highestLow = max(highestLow, nanos)
  }

  /// Removes and returns the runs other than `except` that are more than the gap from `nanos`.
  private mutating func closeStale(at nanos: Int64, except: String?) -> [Run] {
    if runs.isEmpty { return [] }
    let (late, lateOverflow) = nanos.subtractingReportingOverflow(lowestHigh)
    let (early, earlyOverflow) = highestLow.subtractingReportingOverflow(nanos)
    if !lateOverflow, !earlyOverflow, late <= maxGapNanos, early <= maxGapNanos { return [] }
    var stale: [String] = []
    var high = Int64.max
    var low = Int64.min
    for (key, run) in runs {
      if key != except && distance(nanos, run) > maxGapNanos {
        stale.append(key)
      } else {
        high = min(high, run.high)
        low = max(low, run.low)
      }
    }
    lowestHigh = high
    highestLow = low
    var closed: [Run] = []
    for key in stale { if let r = runs.removeValue(forKey: key) { closed.append(r) } }
    return closed
  }

  /// Tells the stitcher that the stream has reached `nanos` without a fragment (an entry that is
  /// no candidate): returns the groups of every run that is now too far away to grow.
  public mutating func advance(to nanos: Int64) -> [StitchGroup] {
    let closed = closeStale(at: nanos, except: nil)
    return closed.isEmpty ? [] : resolve(closed)
  }

  /// Ends the input: returns the groups of every open run.
  public mutating func finish() -> [StitchGroup] {
    let all = Array(runs.values)
    runs = [:]
    lowestHigh = .max
    highestLow = .min
    return resolve(all)
  }

  private func distance(_ nanos: Int64, _ run: Run) -> Int64 {
    nanos < run.low ? run.low - nanos : (nanos > run.high ? nanos - run.high : 0)
  }

  /// Groups of closed runs, runs taken in input order so the output never depends on hashing.
  private func resolve(_ closed: [Run]) -> [StitchGroup] {
    closed.sorted { ($0.items.first?.fragment.index ?? 0) < ($1.items.first?.fragment.index ?? 0) }
      .flatMap { groups(of: $0.items) }
  }

  private func groups(of items: [Item]) -> [StitchGroup] {
    if items.count == 1, let only = items.first { return [single(only)] }
    let forward = items.sorted { ($0.nanos, $0.fragment.index) < ($1.nanos, $1.fragment.index) }
    let backward = items.sorted {
      $0.nanos != $1.nanos ? $0.nanos < $1.nanos : $0.fragment.index > $1.fragment.index
    }
    var ordered = forward
    if forward.map(\.fragment.index) != backward.map(\.fragment.index) {
      // Equal timestamps: take the order that reads as a trace; else follow the stream's direction.
      let (sf, sb) = (Self.readingScore(forward), Self.readingScore(backward))
      if sb > sf || (sb == sf && descendingSteps > ascendingSteps) { ordered = backward }
    }
    var out: [StitchGroup] = []
    var group: [Item] = []
    for item in ordered {
      if let last = group.last, item.nanos - last.nanos <= maxGapNanos,
        Self.joins(item.fragment.text, after: last.fragment.text)
      {
        group.append(item)
      } else {
        out += validated(group)
        group = [item]
      }
    }
    out += validated(group)
    return out
  }

  /// A joined group stands only if its text holds a stack trace; otherwise its parts stay single.
  private func validated(_ group: [Item]) -> [StitchGroup] {
    guard let first = group.first else { return [] }
    if group.count == 1 { return [single(first)] }
    let lines = group.flatMap { TextLines.split($0.fragment.text) }
    guard TraceParser.parse(lines: lines) != nil else { return group.map(single) }
    return [
      StitchGroup(
        indices: group.map(\.fragment.index), ts: first.fragment.ts,
        severity: group.compactMap(\.fragment.severity).max())
    ]
  }

  private func single(_ item: Item) -> StitchGroup {
    StitchGroup(
      indices: [item.fragment.index], ts: item.fragment.ts, severity: item.fragment.severity)
  }

  /// True when the first line of `text` continues the last line of `previous`.
  static func joins(_ text: String, after previous: String) -> Bool {
    guard let line = TextLines.split(text).first,
      let prev = TextLines.split(previous).last(where: {
        !TraceLine.trimLeading($0).isEmpty
      })
    else { return false }
    return TextLineClassifier.continues(line, previous: prev)
  }

  /// How well this order reads: neighbours that continue each other, plus a bonus when the
  /// joined text parses as a trace that names its exception and has frames.
  private static func readingScore(_ items: [Item]) -> Int {
    let joined = zip(items, items.dropFirst()).filter {
      joins($1.fragment.text, after: $0.fragment.text)
    }
    let trace = TraceParser.parse(lines: items.flatMap { TextLines.split($0.fragment.text) })
    let quality = (trace?.errorType != nil ? 1 : 0) + ((trace?.frames.isEmpty ?? true) ? 0 : 1)
    return joined.count + 3 * quality
  }
}
