// The four priorities. Lower raw value = more urgent, so `min` picks the most urgent finding.

/// P0 (drop everything) … P3 (cosmetic or low).
enum Priority: Int, Comparable, CaseIterable, Sendable {
  case p0 = 0
  case p1 = 1
  case p2 = 2
  case p3 = 3

  /// The wire name, `"P0"`.
  var name: String { "P\(rawValue)" }

  /// Parses `P0`…`P3` (case-insensitive).
  init?(name: String) {
    let u = name.uppercased()
    guard u.count == 2, u.hasPrefix("P"), let n = Int(u.dropFirst()), let p = Priority(rawValue: n)
    else { return nil }
    self = p
  }

  /// One level more urgent, never past `limit`.
  func raised(notAbove limit: Priority = .p0) -> Priority {
    Priority(rawValue: max(limit.rawValue, rawValue - 1)) ?? self
  }

  /// One level less urgent (P3 stays P3).
  var lowered: Priority { Priority(rawValue: min(3, rawValue + 1)) ?? .p3 }

  static func < (a: Priority, b: Priority) -> Bool { a.rawValue < b.rawValue }
}
