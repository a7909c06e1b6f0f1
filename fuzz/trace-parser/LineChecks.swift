// Line classifier invariants: a timestamp prefix is a real RFC 3339 UTC instant that later stages
// can read back, and the rest it returns is the tail of the line.
import GardenKit

enum LineChecks {
  static func run(_ lines: [String], defaultYear: Int) {
    var previous: String?
    for line in lines {
      _ = TextLineClassifier.level(in: line)
      _ = TextLineClassifier.isContinuation(line, previous: previous)
      if let (ts, rest) = TextLineClassifier.timestampPrefix(line, defaultYear: defaultYear) {
        check(
          Timestamp(rfc3339: ts) != nil && ts.utf8.last == UInt8(ascii: "Z"),
          "timestampPrefix(\(line.prefix(80).debugDescription)) gave \(ts.debugDescription), not RFC 3339 UTC"
        )
        check(
          line.utf8.count >= rest.utf8.count
            && line.utf8.suffix(rest.utf8.count).elementsEqual(rest.utf8),
          "timestampPrefix rest \(rest.prefix(40).debugDescription) is not the end of the line")
        _ = TextLineClassifier.stripLevelPrefix(rest)
      }
      if !line.utf8.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) { previous = line }
    }
  }
}
