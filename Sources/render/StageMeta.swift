// One upstream `meta` record as render reads it: the stage's counts, warnings and the extra facts some
// stages add (parse: window, severity counts, sources; score: component health; issues: listing info).
// Unknown fields are kept in `object` and shown nowhere but the JSON document.

import GardenKit

/// A component's state as garden-score judged it.
/// Wire form: `{"component":"netra-backend","kind":"service","status":"failing","evidence":"…"}`
struct ComponentHealth: Equatable {
  var component: String
  var kind: String
  /// `working`, `failing` or `at-risk`.
  var status: String
  var evidence: String
}

/// A parsed upstream `meta` record.
struct StageMeta {
  var stage: String
  var complete: Bool
  var counts: [(String, Int)]
  var warnings: [String]
  var windowStart: Moment?
  var windowEnd: Moment?
  var severityCounts: [(String, Int)]
  var health: [ComponentHealth]
  var object: JSONObject

  init(record o: JSONObject) {
    object = o
    stage = o["stage"]?.string ?? "unknown"
    complete = o["complete"]?.bool ?? true
    counts = o["counts"]?.object.map { c in c.compactMap { k, v in v.int.map { (k, $0) } } } ?? []
    warnings = o["warnings"]?.array?.compactMap(\.string) ?? []
    windowStart = o["window"]?["start"]?.string.flatMap(Moment.init(rfc3339:))
    windowEnd = o["window"]?["end"]?.string.flatMap(Moment.init(rfc3339:))
    severityCounts =
      o["severity_counts"]?.object.map { c in c.compactMap { k, v in v.int.map { (k, $0) } } } ?? []
    health =
      o["health"]?.array?.compactMap { v in
        guard let h = v.object, let name = h["component"]?.string, let status = h["status"]?.string
        else { return nil }
        return ComponentHealth(
          component: name, kind: h["kind"]?.string ?? "component", status: status,
          evidence: h["evidence"]?.string ?? "")
      } ?? []
  }

  /// A named count, when the stage wrote it.
  func count(_ name: String) -> Int? { counts.first { $0.0 == name }?.1 }
}
