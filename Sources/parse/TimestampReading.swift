// Entry timestamps → GardenKit's Timestamp plus the canonical text written in `ts`. Beyond strict
// RFC 3339 it accepts what hand-made exports contain: no zone (Python's naive `isoformat()`, read as
// UTC), a `UTC` suffix, and a comma before the fraction. Anything else is nil: reported, not guessed.
import GardenKit

enum TimestampReading {
  /// The instant and its `YYYY-MM-DDThh:mm:ss[.fraction]Z` text, or nil when `text` is not a time.
  static func read(_ text: String) -> (Timestamp, String)? {
    if let t = Timestamp(rfc3339: text) { return (t, isCanonical(text) ? text : t.rfc3339) }
    guard text.utf8.count >= 19, text.utf8.count <= 40 else { return nil }
    var fixed = text
    if fixed.hasSuffix("UTC") || fixed.hasSuffix("utc") {
      fixed.removeLast(3)
      fixed += "Z"
    } else if !hasZone(fixed) {
      fixed += "Z"
    }
    if let comma = fixed.utf8.firstIndex(of: UInt8(ascii: ",")),
      fixed.utf8.distance(from: fixed.utf8.startIndex, to: comma) == 19
    {
      fixed.replaceSubrange(comma...comma, with: ".")
    }
    guard let t = Timestamp(rfc3339: fixed) else { return nil }
    return (t, t.rfc3339)
  }

  /// `…T…Z` with nothing to change: the common case, written back as it came (no reformatting cost).
  private static func isCanonical(_ s: String) -> Bool {
    let u = s.utf8
    guard let last = u.last, last == UInt8(ascii: "Z"), u.count >= 20, u.count <= 30 else {
      return false
    }
    // Two bytes by offset, without copying the text into an array.
    let t = u[u.index(u.startIndex, offsetBy: 10)]
    return t == UInt8(ascii: "T")
      && (u.count == 20
        || (u[u.index(u.startIndex, offsetBy: 19)] == UInt8(ascii: ".") && u.count <= 30))
  }

  /// True when the text after the seconds carries `Z` or a `±hh[:mm]` offset.
  private static func hasZone(_ s: String) -> Bool {
    let tail = s.utf8.dropFirst(19)
    return tail.contains(UInt8(ascii: "Z")) || tail.contains(UInt8(ascii: "z"))
      || tail.contains(UInt8(ascii: "+")) || tail.contains(UInt8(ascii: "-"))
  }
}
