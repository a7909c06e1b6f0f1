// Two-level grouping. Events are first split into scopes that must never merge (per service when
// `--by service`; per exception identity: error type, cause and own-code frames), then within a scope
// messages are mined into templates. Each scope has its own TemplateMiner, whose result depends only on
// the multiset of messages, so clusters and fingerprints do not depend on input order or sharding.

import GardenKit

/// Where an event's key lives: its scope and the miner's key id within that scope.
struct KeyRef: Hashable {
  var scope: Int
  var key: Int
}

/// A scope: a canonical prefix shared by every cluster mined inside it.
struct Scope {
  var canonical: String
  var group: String
  var service: String
  var errorType: String?
  var rootType: String?
  /// For request scopes: the fixed template (`GET /api/chat → 503`).
  var label: String?
  var miner = TemplateMiner()
  /// Stats per miner key id.
  var keys: [Int: KeyStats] = [:]
}

/// Accumulates events into scopes and keys, then finalizes them into clusters.
struct Grouper {
  var byService: Bool
  var scopes: [Scope] = []
  var scopeIndex: [String: Int] = [:]
  var eventCount = 0

  init(byService: Bool) { self.byService = byService }

  /// Finalizes every scope's miner and names each key (signature, masked text). Call once, at the end.
  mutating func finalize() -> [MiningResult] {
    var results: [MiningResult] = []
    for s in scopes.indices {
      let result = scopes[s].miner.finalize()
      for k in Array(scopes[s].keys.keys) {
        let masked = result.maskedKey(k)
        scopes[s].keys[k]!.maskedKey = masked
        scopes[s].keys[k]!.signature = Fingerprint.of(scopes[s].canonical + "\u{1F}" + masked)
      }
      results.append(result)
    }
    return results
  }

  /// Files an event; returns where it went (for --assign).
  @discardableResult
  mutating func add(_ e: EventView) -> KeyRef {
    eventCount += 1
    let service = byService ? (e.service ?? "") : ""
    let canonical: String
    let text: String
    let group: String
    if e.hasException {
      group = "exception"
      canonical = ExceptionSignature.canonical(
        service: service, errorType: e.errorType, rootType: e.rootType, frames: e.frames,
        maskedValue: "")
      text = Self.firstLine(e.errorValue ?? (e.errorType == nil ? e.message : ""))
    } else if let status = e.httpStatus, RequestSignature.isSummary(e.message, method: e.httpMethod)
    {
      // A bare request log: method, route and status are the identity; latency and ids are noise.
      group = "request"
      let route = RequestSignature.route(e.httpURL ?? "")
      canonical = ["request", service, e.httpMethod ?? "", route, String(status)].joined(
        separator: "\u{1F}")
      text = "\(e.httpMethod ?? "") \(route) → \(status)"
    } else {
      group = "text"
      let status = e.httpStatus.map { "status=\($0)" } ?? ""
      canonical = ["text", service, status].filter { !$0.isEmpty }.joined(separator: "\u{1F}")
      text = Self.firstLine(e.message)
    }
    let s = scope(
      for: canonical, group: group, service: service, errorType: e.errorType, rootType: e.rootType)
    if group == "request" { scopes[s].label = text }
    let k = scopes[s].miner.add(text)
    if scopes[s].keys[k] == nil {
      scopes[s].keys[k] = KeyStats(group: group, service: service)
      if group == "exception" {
        scopes[s].keys[k]!.errorType = e.errorType
        scopes[s].keys[k]!.rootType = e.rootType
      }
    }
    scopes[s].keys[k]!.add(e)
    return KeyRef(scope: s, key: k)
  }

  mutating func scope(
    for canonical: String, group: String, service: String, errorType: String?, rootType: String?
  ) -> Int {
    if let i = scopeIndex[canonical] { return i }
    scopes.append(
      Scope(
        canonical: canonical, group: group, service: service, errorType: errorType,
        rootType: rootType))
    scopeIndex[canonical] = scopes.count - 1
    return scopes.count - 1
  }

  /// Adds an aggregate read back from a `--partial` cluster record (used by --merge).
  mutating func absorb(
    _ stats: KeyStats, record: KeyRecord, scopeCanonical: String, errorType: String?,
    rootType: String?
  ) {
    let s = scope(
      for: scopeCanonical, group: stats.group, service: stats.service, errorType: errorType,
      rootType: rootType)
    let k = scopes[s].miner.add(record)
    if scopes[s].keys[k] == nil {
      var fresh = KeyStats(group: stats.group, service: stats.service)
      fresh.errorType = stats.errorType
      fresh.rootType = stats.rootType
      scopes[s].keys[k] = fresh
    }
    scopes[s].keys[k]!.absorb(stats)
    eventCount += stats.count
  }

  /// Longest line mined, in bytes: one giant line must not dominate memory or time.
  static let maxLineBytes = 2000

  /// The first line with something other than white space, capped at `maxLineBytes` (at a
  /// character boundary). Scans bytes: this runs once per event.
  static func firstLine(_ text: String) -> String {
    var text = text
    return text.withUTF8 { b -> String in
      var start = 0
      while start < b.count {
        var end = start
        var blank = true
        while end < b.count, b[end] != 0x0A {
          let c = b[end]
          if c != 0x20 && c != 0x09 && c != 0x0D { blank = false }
          end += 1
        }
        if !blank {
          var e = end
          if e > start, b[e - 1] == 0x0D { e -= 1 }
          if e - start > maxLineBytes {
            e = start + maxLineBytes
            while e > start, b[e] & 0xC0 == 0x80 { e -= 1 }  // not inside a UTF-8 sequence
          }
          if start == 0 && e == b.count { return String(decoding: b, as: UTF8.self) }
          return String(decoding: UnsafeBufferPointer(rebasing: b[start..<e]), as: UTF8.self)
        }
        start = end + 1
      }
      return ""
    }
  }

}
