// The counts, window and severities of one run, and the closing meta record built from them.
import GardenKit

struct ParseTally {
  var entriesIn = 0
  var eventsOut = 0
  var duplicates = 0
  var filtered: [EventFilter.Drop: Int] = [:]
  var joined = 0
  var invalidTimestamps = 0
  /// Pieces of input (entries, lines) with bytes that are not UTF-8.
  var invalidUTF8 = 0
  var severityCounts: [Severity: Int] = [:]
  var windowStart: Timestamp?
  var windowEnd: Timestamp?
  var sources: [String] = []
  var warnings: [String] = []
  var complete = true

  mutating func sawOutput(_ e: Event, timestamp: Timestamp?) {
    eventsOut += 1
    severityCounts[e.severity, default: 0] += 1
    if let t = timestamp {
      if windowStart.map({ t < $0 }) ?? true { windowStart = t }
      if windowEnd.map({ $0 < t }) ?? true { windowEnd = t }
    }
  }

  var filteredTotal: Int { filtered.values.reduce(0, +) }

  func meta(rejected: Int) -> JSONObject {
    var m = MetaRecord(stage: "parse")
    m.setCount("entries_in", entriesIn)
    m.setCount("events_out", eventsOut)
    m.setCount("rejected", rejected)
    m.setCount("duplicates", duplicates)
    m.setCount("filtered", filteredTotal)
    for d in EventFilter.Drop.allCases { m.setCount("filtered_" + d.rawValue, filtered[d] ?? 0) }
    m.setCount("joined", joined)
    m.setCount("invalid_timestamps", invalidTimestamps)
    m.setCount("invalid_utf8", invalidUTF8)
    m.warnings = warnings
    m.complete = complete
    m.extra.append("sources", .array(sources.map { .string($0) }))
    if let s = windowStart, let e = windowEnd {
      m.extra.append(
        "window", .object(JSONObject(["start": .string(s.rfc3339), "end": .string(e.rfc3339)])))
    }
    var sc = JSONObject()
    for s in Severity.allCases {
      if let n = severityCounts[s], n > 0 { sc.append(s.name, .int(n)) }
    }
    m.extra.append("severity_counts", .object(sc))
    return m.record
  }
}
