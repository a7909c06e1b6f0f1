// What the rules look at, computed once per cluster: the text to match keywords against, the
// components it touches, the HTTP statuses of its samples, its rate per hour and its times.
// Rules read facts only; they never see the raw record.

import GardenKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A component health is reported for.
struct Component: Hashable, Comparable, Sendable {
  /// `service`, `logger` or `module`.
  var kind: String
  var name: String

  static func < (a: Component, b: Component) -> Bool {
    a.kind != b.kind ? a.kind < b.kind : a.name < b.name
  }
}

/// Derived, read-only facts about one cluster.
struct ClusterFacts {
  /// Longest piece of text taken from any one field: bounds regex time on hostile input.
  static let maxFieldBytes = 16 * 1024
  /// Samples whose messages are searched.
  static let maxSamples = 5

  let cluster: Cluster
  /// The most severe level seen (the cluster's `severity`, or a worse one in `severity_counts`).
  let severity: Severity
  /// Lower-cased title, template, error type and value, origin and sample messages, newline-separated.
  let text: String
  /// `text` as UTF-8 bytes, for fast substring search.
  let textBytes: [UInt8]
  /// The same pieces with their case kept, for regular expressions.
  let rawText: String
  /// Services, loggers and the origin module.
  let components: [Component]
  /// Dotted names a critical-component or impact entry can match: components, frame modules and
  /// files, origin file, and the template's words.
  let componentNames: [String]
  /// HTTP statuses found in the samples.
  let httpStatuses: [Int]
  let firstSeen: Timestamp?
  let lastSeen: Timestamp?
  /// Events per hour over the run's window.
  let ratePerHour: Double

  init(cluster c: Cluster, windowHours: Double) {
    cluster = c
    var sev = c.severity
    for (name, n) in c.severityCounts where n > 0 {
      if let s = Severity(name: name), s > sev { sev = s }
    }
    severity = sev

    var pieces: [String] = [c.title, c.template]
    if let t = c.errorType { pieces.append(t) }
    if let v = c.errorValue { pieces.append(v) }
    if let o = c.origin {
      pieces.append(contentsOf: [o.function, o.module, o.file].compactMap { $0 })
    }
    var statuses: [Int] = []
    for s in c.samples.prefix(Self.maxSamples) {
      if let m = s["message"]?.string { pieces.append(m) }
      if let e = s["error"]?.object {
        if let t = e["type"]?.string { pieces.append(t) }
        if let v = e["value"]?.string { pieces.append(v) }
      }
      if let st = s["http"]?["status"]?.int { statuses.append(st) }
    }
    rawText = pieces.map { Self.bounded($0) }.joined(separator: "\n")
    text = rawText.lowercased()
    textBytes = Array(text.utf8)
    httpStatuses = Array(Set(statuses)).sorted()

    var comps: [Component] = []
    for s in c.services where !s.isEmpty { comps.append(Component(kind: "service", name: s)) }
    for l in c.loggers where !l.isEmpty { comps.append(Component(kind: "logger", name: l)) }
    if let m = c.origin?.module, !m.isEmpty { comps.append(Component(kind: "module", name: m)) }
    components = Array(Set(comps)).sorted()

    var names = comps.map(\.name)
    for f in c.frames + (c.origin.map { [$0] } ?? []) {
      if let m = f.module { names.append(m) }
      if let file = f.file { names.append(file) }
    }
    names.append(Self.bounded(c.template))
    names.append(Self.bounded(c.title))
    componentNames = names

    firstSeen = c.firstSeen.flatMap { Timestamp(rfc3339: $0) }
    lastSeen = c.lastSeen.flatMap { Timestamp(rfc3339: $0) }
    ratePerHour = Double(c.count) / max(windowHours, 1e-9)
  }

  /// True when the lower-cased text contains `term` (which must already be lower-case). A byte
  /// search (memmem): Foundation's String.contains was most of the stage's run time.
  func has(_ term: String) -> Bool {
    let needle = Array(term.utf8)
    if needle.isEmpty { return false }
    if needle.count > textBytes.count { return false }
    return textBytes.withUnsafeBytes { hay in
      needle.withUnsafeBytes { n in
        Self.find(hay, n)
      }
    }
  }

  /// memchr for the first byte, memcmp for the rest (glibc's memmem needs _GNU_SOURCE).
  static func find(_ hay: UnsafeRawBufferPointer, _ needle: UnsafeRawBufferPointer) -> Bool {
    guard let h = hay.baseAddress, let n = needle.baseAddress, needle.count > 0,
      needle.count <= hay.count
    else { return false }
    let first = Int32(needle[0])
    var offset = 0
    let last = hay.count - needle.count
    while offset <= last {
      guard let hit = memchr(h + offset, first, last - offset + 1) else { return false }
      let at = h.distance(to: UnsafeRawPointer(hit))
      if memcmp(h + at, n, needle.count) == 0 { return true }
      offset = at + 1
    }
    return false
  }

  /// The severity name used at the start of reason sentences (`CRITICAL`).
  var severityName: String { severity.name }

  /// "12 events on 2 revisions".
  var countPhrase: String { Phrases.eventsOnRevisions(cluster.count, cluster.revisions.count) }

  static func bounded(_ s: String) -> String {
    s.utf8.count <= maxFieldBytes
      ? s : String(decoding: s.utf8.prefix(maxFieldBytes), as: UTF8.self)
  }
}
