// Instants for display: whole seconds since the epoch, shown in UTC or a named zone. Parsing is
// GardenKit's; formatting is done by hand (no DateFormatter) so output never depends on the locale;
// only the zone offset comes from Foundation's tz database.

import Foundation
import GardenKit

/// An instant with one-second resolution (display never needs more).
struct Moment: Comparable, Hashable {
  /// Seconds since 1970-01-01T00:00:00Z.
  var seconds: Int

  init(seconds: Int) { self.seconds = seconds }

  /// Parses RFC 3339 (GardenKit's parser: offsets, fractions, range checks); nil otherwise.
  init?(rfc3339 text: String) {
    guard let t = GardenKit.Timestamp(rfc3339: text), let s = Int(exactly: t.seconds) else {
      return nil
    }
    seconds = s
  }

  static func civilFromDays(_ z0: Int) -> (year: Int, month: Int, day: Int) {
    let z = z0 + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  /// Date and time parts at a fixed offset from UTC.
  func parts(offset: Int = 0) -> (date: String, time: String) {
    let t = seconds + offset
    let days = Int((Double(t) / 86400).rounded(.down))
    let rem = t - days * 86400
    let (y, m, d) = Self.civilFromDays(days)
    return (
      "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))",
      "\(pad(rem / 3600, 2)):\(pad(rem % 3600 / 60, 2)):\(pad(rem % 60, 2))"
    )
  }

  /// `2025-09-15T13:02:11Z`
  var rfc3339: String {
    let p = parts()
    return p.date + "T" + p.time + "Z"
  }

  /// `2025-09-15 13:02:11 UTC`
  var utc: String {
    let p = parts()
    return p.date + " " + p.time + " UTC"
  }

  func adding(_ s: Int) -> Moment { Moment(seconds: seconds + s) }

  static func < (a: Moment, b: Moment) -> Bool { a.seconds < b.seconds }
}

/// A named time zone for the optional local times (`--tz America/New_York`).
struct LocalZone {
  let identifier: String
  private let zone: TimeZone

  init?(identifier: String) {
    guard let z = TimeZone(identifier: identifier) else { return nil }
    self.identifier = identifier
    zone = z
  }

  /// Offset from UTC in seconds at that instant (daylight saving included).
  func offset(at t: Moment) -> Int {
    zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t.seconds)))
  }

  /// `UTC-04:00`
  func offsetText(at t: Moment) -> String {
    let o = offset(at: t)
    let a = abs(o)
    return "UTC" + (o < 0 ? "-" : "+") + pad(a / 3600, 2) + ":" + pad(a % 3600 / 60, 2)
  }
}

func pad(_ n: Int, _ width: Int) -> String {
  let s = String(n)
  return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

/// `1,234,567`: grouping written by hand so it never depends on the locale.
func grouped(_ n: Int) -> String {
  let digits = String(n.magnitude)
  var out = ""
  for (i, ch) in digits.enumerated() {
    if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
    out.append(ch)
  }
  return n < 0 ? "-" + out : out
}

/// `45 s`, `12 min`, `1 h`, `1 h 30 min`, `2 d 3 h`.
func durationText(_ s: Int) -> String {
  if s < 120 { return "\(s) s" }
  if s < 3600 { return "\(s / 60) min" }
  if s < 86400 {
    let m = s % 3600 / 60
    return "\(s / 3600) h" + (m > 0 ? " \(m) min" : "")
  }
  let h = s % 86400 / 3600
  return "\(s / 86400) d" + (h > 0 ? " \(h) h" : "")
}

extension Sequence where Element == Int {
  /// The sum, saturating at Int.max / Int.min instead of trapping on hostile counts.
  var saturatingSum: Int {
    reduce(0) { a, b in
      let (r, o) = a.addingReportingOverflow(b)
      return o ? (b > 0 ? Int.max : Int.min) : r
    }
  }
}
