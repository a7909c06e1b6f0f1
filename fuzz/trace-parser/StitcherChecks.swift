// Stitcher invariants: every fragment ends up in exactly one group, and a group's timestamp and
// severity are its earliest fragment's and its highest ones.
import GardenKit

enum StitcherChecks {
  static let keys = ["run/a:i1", "run/a:i2", "run/b:i1"]

  static func run(_ lines: [String], seed: Int) {
    guard !lines.isEmpty else { return }
    // Lines with their own timestamp keep it; others get one a few milliseconds after the last,
    // so runs form; keys and step come from the input so the fuzzer can steer them.
    var nanos = 1_757_000_000_000_000_000 as Int64
    var fragments: [StitchFragment] = []
    for (i, line) in lines.enumerated() {
      let first = line.utf8.first ?? 0
      nanos += Int64(first % 8) * 1_000_000
      let ts = TextLineClassifier.timestampPrefix(line)?.ts ?? format(nanos)
      let key = keys[(Int(first) + seed) % keys.count]
      fragments.append(
        StitchFragment(
          index: i, ts: ts, key: key, text: line, severity: TextLineClassifier.level(in: line)))
    }
    let ascending = TraceStitcher.stitch(fragments)
    validate(ascending, fragments)
    // gcloud writes newest first: the same fragments in reverse must also partition cleanly.
    validate(TraceStitcher.stitch(fragments.reversed()), fragments)
  }

  static func validate(_ groups: [StitchGroup], _ fragments: [StitchFragment]) {
    var seen = [Bool](repeating: false, count: fragments.count)
    for g in groups {
      check(!g.indices.isEmpty, "empty stitch group")
      for i in g.indices {
        check(i >= 0 && i < fragments.count, "stitch group index \(i) out of range")
        check(!seen[i], "fragment \(i) is in two groups")
        seen[i] = true
      }
      let members = g.indices.map { fragments[$0] }
      check(members.contains { $0.ts == g.ts }, "group ts \(g.ts) is no member's ts")
      check(Set(members.map(\.key)).count == 1, "a group joins fragments of different keys")
      let highest = members.compactMap(\.severity).max()
      check(
        g.severity == highest,
        "group severity \(String(describing: g.severity)), highest \(String(describing: highest))")
    }
    check(seen.allSatisfy { $0 }, "some fragments are in no group")
  }

  /// RFC 3339 with nanoseconds, from GardenKit's formatter.
  static func format(_ nanos: Int64) -> String {
    let seconds = nanos / 1_000_000_000
    let frac = String(nanos % 1_000_000_000)
    let padded = String(repeating: "0", count: 9 - frac.count) + frac
    return Timestamp(seconds: seconds, nanos: Int32(nanos % 1_000_000_000), fraction: padded)
      .rfc3339
  }
}
