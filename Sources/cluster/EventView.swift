// The parts of an event record that clustering reads, pulled out of the JSON object once.

import GardenKit

/// An event as clustering sees it.
struct EventView {
  var record: JSONObject
  var time: Timestamp?
  var severity: Severity
  var message: String
  var service: String?
  var revision: String?
  var logger: String?
  var errorType: String?
  var errorValue: String?
  var rootType: String?
  var frames: [Frame]
  var location: Frame?
  var httpMethod: String?
  var httpStatus: Int?
  var httpURL: String?
  /// The compact record text: the last, deterministic tie-breaker between samples (computed only then).
  var text: String { JSONWriter.string(.object(record)) }

  init(record o: JSONObject) {
    record = o
    time = o["ts"]?.string.flatMap { Timestamp(rfc3339: $0) }
    severity = o["severity"]?.string.flatMap { Severity(name: $0) } ?? .default
    message = o["message"]?.string ?? ""
    service = o["service"]?.string
    revision = o["revision"]?.string
    logger = o["logger"]?.string
    let err = o["error"]?.object
    errorType = err?["type"]?.string
    errorValue = err?["value"]?.string
    rootType = err?["root_type"]?.string
    if let h = o["http"]?.object {
      httpMethod = h["method"]?.string
      httpStatus = h["status"]?.int
      httpURL = h["url"]?.string
    }
    frames = o["frames"]?.array?.compactMap { $0.object.map(Frame.init(record:)) } ?? []
    if let l = o["location"]?.object, l["file"]?.string != nil || l["function"]?.string != nil {
      location = Frame(
        file: l["file"]?.string, line: l["line"]?.int, function: l["function"]?.string)
    }
  }

  /// True when this event has an exception or a stack to group by.
  var hasException: Bool { errorType != nil || !frames.isEmpty }

  func isEarlier(than o: EventView) -> Bool {
    switch (time, o.time) {
    case (let a?, let b?) where a != b: return a < b
    case (.some, nil): return true
    case (nil, .some): return false
    default:
      if message != o.message { return message < o.message }
      let (a, b) = (record["id"]?.string ?? "", o.record["id"]?.string ?? "")
      if a != b { return a < b }
      // Events that differ only in where they came from: the earlier source, without serializing.
      let (sa, sb) = (SourceRef(json: record["src"]), SourceRef(json: o.record["src"]))
      if let sa, let sb, sa != sb {
        if sa.file != sb.file { return sa.file < sb.file }
        if sa.line != sb.line { return (sa.line ?? 0) < (sb.line ?? 0) }
        return (sa.index ?? 0) < (sb.index ?? 0)
      }
      return text < o.text
    }
  }

  func isWorse(than o: EventView) -> Bool {
    if severity != o.severity { return severity > o.severity }
    return isEarlier(than: o)
  }
}
