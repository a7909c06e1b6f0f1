// The few things score needs on top of GardenKit's Timestamp: plain dates for mute expiry, gaps in
// seconds, shifting by whole seconds and a fraction-free UTC text for reasons.

import GardenKit

extension Timestamp {
  /// Parses a plain date `YYYY-MM-DD` as midnight UTC at its start.
  init?(date text: String) {
    guard text.utf8.count == 10, let t = Timestamp(rfc3339: text + "T00:00:00Z") else { return nil }
    self = t
  }

  /// Seconds from `other` to `self` (negative when `self` is earlier).
  func seconds(since other: Timestamp) -> Double {
    Double(seconds - other.seconds) + Double(nanos - other.nanos) / 1e9
  }

  /// This instant moved by whole seconds (the fraction is dropped: it is not the input's any more).
  func adding(seconds delta: Int64) -> Timestamp {
    let (sum, overflow) = seconds.addingReportingOverflow(delta)
    return Timestamp(
      seconds: overflow ? (delta < 0 ? Int64.min / 2 : Int64.max / 2) : sum, nanos: nanos)
  }

  /// `YYYY-MM-DDTHH:MM:SSZ`: reasons and health read better without fractions.
  var text: String { Timestamp.formatSeconds(seconds) }
}
