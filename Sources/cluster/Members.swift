// With --partial, each cluster record carries `members`: the per-key aggregates it was built from, so
// that `--merge` can re-run the final grouping over the union of shards and produce exactly what one
// run over all the input would have (see MergeTests).
//
// Wire form of one member: {"signature":"…","scope":"…","key":"masked text","group":"text","service":"…",
//  "error_type":…,"root_type":…,"count":3,"first_seen":…,"last_seen":…,"severity_counts":[0,0,…],
//  "services":[…],"revisions":[…],"loggers":[…],"minutes":[[29299020,2],…],"samples":[event…]}

import GardenKit

enum Members {
  static func json(_ m: KeyStats, record: KeyRecord, scope: Scope) -> JSONValue {
    var o = JSONObject()
    o.append("signature", .string(m.signature))
    o.append("scope", .string(scope.canonical))
    o.append("key", .string(record.key))
    o.append("soft_values", .array(record.softValues.map { .optional($0) }))
    o.append("group", .string(m.group))
    o.append("service", .string(m.service))
    if let t = scope.errorType { o.append("error_type", .string(t)) }
    if let t = scope.rootType { o.append("root_type", .string(t)) }
    o.append("count", .int(m.count))
    if let f = m.first { o.append("first_seen", .string(f.rfc3339)) }
    if let l = m.last { o.append("last_seen", .string(l.rfc3339)) }
    o.append("severity_counts", .array(m.severityCounts.map { .int($0) }))
    o.append("services", .array(m.services.sorted().map { .string($0) }))
    o.append("revisions", .array(m.revisions.sorted().map { .string($0) }))
    o.append("loggers", .array(m.loggers.sorted().map { .string($0) }))
    o.append(
      "minutes",
      .array(m.minutes.keys.sorted().map { .array([.number(String($0)), .int(m.minutes[$0]!)]) }))
    o.append("samples", .array(m.samples.all.map { .object($0.record) }))
    return .object(o)
  }

  /// Reads one member back; nil (with the reason) when it is not one.
  static func read(_ v: JSONValue) -> (
    stats: KeyStats, record: KeyRecord, scope: String, errorType: String?, rootType: String?
  )? {
    guard let o = v.object, let sig = o["signature"]?.string, let scope = o["scope"]?.string,
      let key = o["key"]?.string, let group = o["group"]?.string, let count = o["count"]?.int,
      count >= 0
    else { return nil }
    var st = KeyStats(group: group, service: o["service"]?.string ?? "")
    st.signature = sig
    st.count = count
    st.first = o["first_seen"]?.string.flatMap { Timestamp(rfc3339: $0) }
    st.last = o["last_seen"]?.string.flatMap { Timestamp(rfc3339: $0) }
    let sev = o["severity_counts"]?.array?.compactMap(\.int) ?? []
    if sev.count == st.severityCounts.count { st.severityCounts = sev }
    for s in o["services"]?.array?.compactMap(\.string) ?? [] {
      KeyStats.insert(s, into: &st.services)
    }
    for s in o["revisions"]?.array?.compactMap(\.string) ?? [] {
      KeyStats.insert(s, into: &st.revisions)
    }
    for s in o["loggers"]?.array?.compactMap(\.string) ?? [] {
      KeyStats.insert(s, into: &st.loggers)
    }
    for pair in o["minutes"]?.array ?? [] {
      guard let p = pair.array, p.count == 2, let m = p[0].int, let n = p[1].int else { continue }
      st.minutes[Int64(m), default: 0] += n
    }
    for s in o["samples"]?.array?.compactMap(\.object) ?? [] {
      st.samples.offer(EventView(record: s))
    }
    st.errorType = o["error_type"]?.string
    st.rootType = o["root_type"]?.string
    let soft = o["soft_values"]?.array?.map(\.string) ?? []
    return (
      st, KeyRecord(key: key, count: count, softValues: soft), scope, st.errorType, st.rootType
    )
  }
}
