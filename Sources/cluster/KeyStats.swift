// Everything garden-cluster remembers about one distinct masked key (one exception signature, or one
// masked message text). Memory grows with the number of keys, never with the number of events: each
// event only bumps counters, adds to small capped sets and may replace a sample.

import GardenKit

/// Per-key aggregate. Also the unit that `--partial` writes and `--merge` reads back (`members`).
struct KeyStats {
  /// Upper bound on distinct services/revisions/loggers kept per key.
  static let maxNames = 50

  /// Fingerprint of the key's canonical signature (scope + masked key); set when the miner finalizes.
  var signature = ""
  /// The masked key as the miner rendered it; set when the miner finalizes.
  var maskedKey = ""
  var group: String  // "exception" or "text"
  var service: String
  var count = 0
  var first: Timestamp?
  var last: Timestamp?
  var severityCounts = [Int](repeating: 0, count: Severity.allCases.count)
  var services = Set<String>()
  var revisions = Set<String>()
  var loggers = Set<String>()
  /// Events per epoch minute; rebucketed at the end once the window is known.
  var minutes: [Int64: Int] = [:]
  var samples = SampleSet()
  var errorType: String?
  var rootType: String?
  var frames: [Frame] = []

  init(group: String, service: String) {
    self.group = group
    self.service = service
  }

  mutating func add(_ e: EventView) {
    count += 1
    if let ts = e.time {
      if first == nil || ts < first! { first = ts }
      if last == nil || last! < ts { last = ts }
      minutes[ts.seconds >= 0 ? ts.seconds / 60 : (ts.seconds - 59) / 60, default: 0] += 1
    }
    severityCounts[Severity.allCases.firstIndex(of: e.severity)!] += 1
    Self.insert(e.service, into: &services)
    Self.insert(e.revision, into: &revisions)
    Self.insert(e.logger, into: &loggers)
    samples.offer(e)
  }

  static func insert(_ name: String?, into set: inout Set<String>) {
    guard let name, !name.isEmpty, set.count < maxNames || set.contains(name) else { return }
    set.insert(name)
  }

  /// Adds another aggregate of the same key (merging shards).
  mutating func absorb(_ o: KeyStats) {
    count += o.count
    if let f = o.first, first == nil || f < first! { first = f }
    if let l = o.last, last == nil || last! < l { last = l }
    for i in severityCounts.indices { severityCounts[i] += o.severityCounts[i] }
    for s in o.services.sorted() { Self.insert(s, into: &services) }
    for s in o.revisions.sorted() { Self.insert(s, into: &revisions) }
    for s in o.loggers.sorted() { Self.insert(s, into: &loggers) }
    for (m, c) in o.minutes { minutes[m, default: 0] += c }
    samples.absorb(o.samples)
  }

  var maxSeverity: Severity {
    for (i, s) in Severity.allCases.enumerated().reversed() where severityCounts[i] > 0 { return s }
    return .default
  }
}

/// The few events kept as samples: the earliest, the latest and the most severe. The choice is a total
/// order on (time, severity, record text), so it does not depend on input order or on sharding.
struct SampleSet {
  var first: EventView?
  var last: EventView?
  var worst: EventView?

  mutating func offer(_ e: EventView) {
    if first == nil || e.isEarlier(than: first!) { first = e }
    if last == nil || last!.isEarlier(than: e) { last = e }
    if worst == nil || e.isWorse(than: worst!) { worst = e }
  }

  mutating func absorb(_ o: SampleSet) {
    for e in [o.first, o.last, o.worst].compactMap({ $0 }) { offer(e) }
  }

  /// Distinct samples, earliest first.
  var all: [EventView] {
    var out: [EventView] = []
    for e in [first, worst, last].compactMap({ $0 })
    where !out.contains(where: { $0.text == e.text }) {
      out.append(e)
    }
    return out.sorted { $0.isEarlier(than: $1) }
  }
}
