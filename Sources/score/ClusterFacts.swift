// What the rules look at, computed once per cluster: the text to match keywords against, the
// components it touches, the HTTP statuses of its samples, its rate per hour and its times.
// Rules read facts only; they never see the raw record.

import GardenKit

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
  /// The same pieces with their case kept, for regexes the user wrote case-sensitively.
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

  /// The severity name used at the start of reason sentences (`CRITICAL`).
  var severityName: String { severity.name }

  /// "12 events on 2 revisions".
  var countPhrase: String { Phrases.eventsOnRevisions(cluster.count, cluster.revisions.count) }

  static func bounded(_ s: String) -> String {
    s.utf8.count <= maxFieldBytes
      ? s : String(decoding: s.utf8.prefix(maxFieldBytes), as: UTF8.self)
  }
}
