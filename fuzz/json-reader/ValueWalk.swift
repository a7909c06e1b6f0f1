// Exercises the accessors stages call on every entry (numbers from strings, timestamps, severities)
// over every node of a parsed value: hostile values must give nil, never trap.
import GardenKit

enum ValueWalk {
  static func visit(_ value: JSONValue) {
    _ = value.int
    _ = value.double
    _ = value.bool
    _ = value.scalarText
    switch value {
    case .string(let s):
      _ = Severity(name: s)
      timestamp(s)
    case .array(let items):
      for item in items { visit(item) }
    case .object(let obj):
      for (k, v) in obj {
        _ = value[k]
        visit(v)
      }
    default:
      break
    }
  }

  /// A timestamp that parses must format to RFC 3339 that parses back to the same instant and
  /// fraction (later stages re-read what parse wrote).
  static func timestamp(_ s: String) {
    guard let t = Timestamp(rfc3339: s) else { return }
    let text = t.rfc3339
    guard let back = Timestamp(rfc3339: text) else {
      finding("Timestamp(rfc3339: \(s.debugDescription)).rfc3339 = \(text) does not parse back")
    }
    check(
      back == t && back.fraction == t.fraction && back.rfc3339 == text,
      "timestamp round trip changed \(s.debugDescription): \(text) -> \(back.rfc3339)")
  }
}
