// The history file: what earlier runs saw, per fingerprint, so that a run can tell new from known,
// spot a regression and compute a trend. Pure value code: reading, merging a run, writing JSON.
// HistoryStore does the file locking and the atomic replace.
//
// Wire form (pretty-printed, keys in this order, fingerprints sorted):
// {"version":1,"last_run":3,
//  "runs":[{"run":3,"now":"2025-09-15T14:00:00Z","hours":1}],
//  "fingerprints":{"0a1b2c3d4e5f6071":{"title":"…","aliases":["…"],"first_seen":"…","last_seen":"…",
//    "runs_seen":2,"last_run":3,"recent":[{"run":2,"count":5},{"run":3,"count":9}]}}}

import GardenKit

/// One run as the history remembers it.
struct HistoryRun: Equatable {
  /// Run number, 1 for the first run written to this history, one more for each run after.
  var run: Int
  /// The run's "now".
  var now: String
  /// Length of the run's window, hours (at least `min_window_hours`).
  var hours: Double
}

/// What the history knows about one fingerprint.
struct HistoryEntry: Equatable {
  var title: String = ""
  /// Other fingerprints (signatures) this one was known by, sorted.
  var aliases: [String] = []
  var firstSeen: String = ""
  var lastSeen: String = ""
  /// Runs in which it appeared.
  var runsSeen = 0
  /// The last run in which it appeared.
  var lastRun = 0
  /// Counts in the recent runs in which it appeared, oldest first (capped to `recent_runs`).
  var recent: [(run: Int, count: Int)] = []

  static func == (a: HistoryEntry, b: HistoryEntry) -> Bool {
    a.title == b.title && a.aliases == b.aliases && a.firstSeen == b.firstSeen
      && a.lastSeen == b.lastSeen && a.runsSeen == b.runsSeen && a.lastRun == b.lastRun
      && a.recent.map(\.run) == b.recent.map(\.run)
      && a.recent.map(\.count) == b.recent.map(\.count)
  }
}

/// Why a history file could not be read.
struct HistoryFormatError: Error, Equatable {
  var reason: String
  /// The file is well-formed but written by a newer Log Gardener: not corrupt, and not to be reset.
  var newerVersion: Int? = nil
}

/// The whole history.
struct History: Equatable {
  static let version = 1

  var lastRun = 0
  /// The most recent runs, oldest first.
  var runs: [HistoryRun] = []
  var entries: [String: HistoryEntry] = [:]

  /// The entry's key for a cluster: its fingerprint, else the first of its signatures known as a
  /// fingerprint or an alias. Pass `index` (from `aliasIndex`) when looking up many clusters.
  func key(for fingerprint: String, signatures: [String], index: [String: String]? = nil) -> String?
  {
    if entries[fingerprint] != nil { return fingerprint }
    let index = index ?? aliasIndex
    if let k = index[fingerprint] { return k }
    for s in signatures {
      if let k = index[s] { return k }
    }
    return nil
  }

  /// Alias → entry key; the first key in sorted order wins when two entries claim one alias.
  var aliasIndex: [String: String] {
    var index: [String: String] = [:]
    for k in entries.keys.sorted() {
      index[k] = index[k] ?? k
      for a in entries[k]?.aliases ?? [] where index[a] == nil { index[a] = k }
    }
    return index
  }

  /// What one cluster contributes to a run.
  struct Sighting {
    var fingerprint: String
    var signatures: [String]
    var title: String
    var count: Int
    var firstSeen: String
    var lastSeen: String
  }

  /// The history after one more run. Pure: the same history and sightings give the same result,
  /// which is what lets racing runs re-read under the lock and merge without losing either run.
  func merging(
    run sightings: [Sighting], now: Timestamp, hours: Double, keepRuns: Int, forgetAfterDays: Double
  ) -> History {
    var h = self
    let runID = lastRun + 1
    h.lastRun = runID
    h.runs.append(HistoryRun(run: runID, now: now.text, hours: hours))
    if h.runs.count > keepRuns { h.runs.removeFirst(h.runs.count - keepRuns) }
    let oldestKept = h.runs.first?.run ?? runID

    // Built once and kept up to date below: rebuilding it per cluster would be quadratic.
    var index = h.aliasIndex
    for s in sightings.sorted(by: { $0.fingerprint < $1.fingerprint }) {
      // Every entry this cluster is known by folds into its current fingerprint.
      var keys: [String] = []
      for id in [s.fingerprint] + s.signatures {
        if let k = index[id], !keys.contains(k) { keys.append(k) }
      }
      var e = h.entries[s.fingerprint] ?? HistoryEntry()
      var aliases = Set(e.aliases)
      for k in keys where k != s.fingerprint {
        guard let old = h.entries.removeValue(forKey: k) else { continue }
        aliases.insert(k)
        aliases.formUnion(old.aliases)
        e.firstSeen = Self.earlier(e.firstSeen, old.firstSeen)
        e.lastSeen = Self.later(e.lastSeen, old.lastSeen)
        e.runsSeen = max(e.runsSeen, old.runsSeen)
        e.lastRun = max(e.lastRun, old.lastRun)
        e.recent = Self.combine(e.recent, old.recent)
      }
      aliases.formUnion(s.signatures)
      aliases.remove(s.fingerprint)
      e.aliases = aliases.sorted()
      e.title = s.title
      e.firstSeen = Self.earlier(e.firstSeen, s.firstSeen)
      e.lastSeen = Self.later(e.lastSeen, s.lastSeen)
      if e.lastRun == runID {
        // A second cluster of this run folded into the same entry: add, do not count a run twice.
        if let i = e.recent.lastIndex(where: { $0.run == runID }) { e.recent[i].count += s.count }
      } else {
        e.runsSeen += 1
        e.lastRun = runID
        e.recent.append((runID, s.count))
      }
      e.recent.removeAll { $0.run < oldestKept }
      h.entries[s.fingerprint] = e
      index[s.fingerprint] = s.fingerprint
      for a in e.aliases { index[a] = s.fingerprint }
    }

    // Forget fingerprints not seen for a long time, so the file does not grow without end.
    let horizon = now.adding(seconds: -Int64(forgetAfterDays * 86_400))
    for (k, e) in h.entries {
      if let last = Timestamp(rfc3339: e.lastSeen), last < horizon { h.entries[k] = nil }
      h.entries[k]?.recent.removeAll { $0.run < oldestKept }
    }
    return h
  }

  static func earlier(_ a: String, _ b: String) -> String {
    if a.isEmpty { return b }
    if b.isEmpty { return a }
    guard let ta = Timestamp(rfc3339: a), let tb = Timestamp(rfc3339: b) else { return min(a, b) }
    return tb < ta ? b : a
  }

  static func later(_ a: String, _ b: String) -> String {
    if a.isEmpty { return b }
    if b.isEmpty { return a }
    guard let ta = Timestamp(rfc3339: a), let tb = Timestamp(rfc3339: b) else { return max(a, b) }
    return ta < tb ? b : a
  }

  static func combine(_ a: [(run: Int, count: Int)], _ b: [(run: Int, count: Int)]) -> [(
    run: Int, count: Int
  )] {
    var byRun: [Int: Int] = [:]
    for (r, c) in a + b { byRun[r, default: 0] += c }
    return byRun.keys.sorted().map { ($0, byRun[$0] ?? 0) }
  }
}

extension History {
  /// The JSON form; fingerprints sorted, so the file is stable for the same content.
  var json: JSONValue {
    var fps = JSONObject()
    for k in entries.keys.sorted() {
      guard let e = entries[k] else { continue }
      fps.append(
        k,
        .object(
          JSONObject([
            "title": .string(e.title), "aliases": .array(e.aliases.map { .string($0) }),
            "first_seen": .string(e.firstSeen), "last_seen": .string(e.lastSeen),
            "runs_seen": .int(e.runsSeen), "last_run": .int(e.lastRun),
            "recent": .array(
              e.recent.map { .object(JSONObject(["run": .int($0.run), "count": .int($0.count)])) }),
          ])))
    }
    return .object(
      JSONObject([
        "version": .int(Self.version), "last_run": .int(lastRun),
        "runs": .array(
          runs.map {
            .object(
              JSONObject(["run": .int($0.run), "now": .string($0.now), "hours": .double($0.hours)]))
          }),
        "fingerprints": .object(fps),
      ]))
  }

  /// Reads the JSON form strictly: a history that cannot be trusted is an error, not a fresh start.
  init(json: JSONValue) throws(HistoryFormatError) {
    guard let o = json.object else { throw HistoryFormatError(reason: "not a JSON object") }
    guard let v = o["version"]?.int else {
      throw HistoryFormatError(reason: "no \"version\" number")
    }
    if v > Self.version {
      throw HistoryFormatError(
        reason: "version \(v) is newer than this build reads (\(Self.version))", newerVersion: v)
    }
    guard v == Self.version else {
      throw HistoryFormatError(
        reason: "version \(v) is not the version this build writes (\(Self.version))")
    }
    guard let last = o["last_run"]?.int, last >= 0, last < Int.max / 2 else {
      throw HistoryFormatError(reason: "\"last_run\" is missing or not a whole number ≥ 0")
    }
    lastRun = last
    guard let runList = o["runs"]?.array else {
      throw HistoryFormatError(reason: "\"runs\" is missing or not an array")
    }
    for (i, r) in runList.enumerated() {
      guard let run = r["run"]?.int, let now = r["now"]?.string, let hours = r["hours"]?.double,
        hours > 0, hours <= 1e6
      else {
        throw HistoryFormatError(reason: "runs[\(i)] needs \"run\", \"now\" and \"hours\" > 0")
      }
      runs.append(HistoryRun(run: run, now: now, hours: hours))
    }
    guard let fps = o["fingerprints"]?.object else {
      throw HistoryFormatError(reason: "\"fingerprints\" is missing or not an object")
    }
    for (k, v) in fps {
      guard let e = v.object, let runsSeen = e["runs_seen"]?.int, runsSeen >= 0,
        runsSeen < Int.max / 2,
        let lastRun = e["last_run"]?.int
      else {
        throw HistoryFormatError(
          reason: "fingerprints.\(k) needs \"runs_seen\" and \"last_run\" whole numbers")
      }
      var entry = HistoryEntry()
      entry.title = e["title"]?.string ?? ""
      entry.aliases = (e["aliases"]?.array?.compactMap(\.string) ?? []).sorted()
      entry.firstSeen = e["first_seen"]?.string ?? ""
      entry.lastSeen = e["last_seen"]?.string ?? ""
      entry.runsSeen = runsSeen
      entry.lastRun = lastRun
      for (j, r) in (e["recent"]?.array ?? []).enumerated() {
        guard let run = r["run"]?.int, let count = r["count"]?.int, count >= 0,
          count <= Scorer.maxCount
        else {
          throw HistoryFormatError(
            reason: "fingerprints.\(k).recent[\(j)] needs \"run\" and \"count\"")
        }
        entry.recent.append((run, count))
      }
      entries[k] = entry
    }
  }
}
