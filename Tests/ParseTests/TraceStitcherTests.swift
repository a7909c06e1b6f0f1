// Stitching per-line trace fragments: C07 (yugabyte-db#8836 shape in gcloud's newest-first
// order), both input orders, equal timestamps, gaps, other instances, streaming bounds.
import GardenKit
import XCTest

@testable import GardenParse

final class TraceStitcherTests: XCTestCase {
  private static let stderrLog = "projects/demo-project/logs/run.googleapis.com%2Fstderr"
  private static let stdoutLog = "projects/demo-project/logs/run.googleapis.com%2Fstdout"
  private static let a = stderrLog + "|00a1b2c3d4e5f60718293a4b5c6d7e8f"
  private static let b = stdoutLog + "|00ffeeddccbbaa99887766554433221100"

  /// C07.input in file order (newest first), as (insertId suffix, ts, key, text, severity).
  private static let c07: [(Int, String, String, String, Severity)] = [
    (8, "2024-06-01T12:00:00.100700Z", a, "ZeroDivisionError: division by zero", .error),
    (7, "2024-06-01T12:00:00.100600Z", a, "    return subtotal / len(items)", .error),
    (6, "2024-06-01T12:00:00.100500Z", a, "  File \"/app/pricing.py\", line 18, in total", .error),
    (5, "2024-06-01T12:00:00.100450Z", b, "GET /healthz 200 0.8ms", .info),
    (4, "2024-06-01T12:00:00.100400Z", a, "    total = pricing.total(cart)", .error),
    (3, "2024-06-01T12:00:00.100300Z", a, "  File \"/app/main.py\", line 41, in checkout", .error),
    (2, "2024-06-01T12:00:00.100200Z", a, "Traceback (most recent call last):", .error),
    (
      1, "2024-06-01T12:00:00.100100Z", a,
      "[2024-06-01 12:00:00,100] ERROR in app: Exception on /checkout [POST]", .error
    ),
  ]

  private func fragments(reversed: Bool) -> [StitchFragment] {
    let rows = reversed ? Array(Self.c07.reversed()) : Self.c07
    return rows.enumerated().map { i, r in
      StitchFragment(index: i, ts: r.1, key: r.2, text: r.3, severity: r.4)
    }
  }

  /// Group contents by insertId number, so both input orders compare directly.
  private func idGroups(_ groups: [StitchGroup], reversed: Bool) -> [[Int]] {
    let rows = reversed ? Array(Self.c07.reversed()) : Self.c07
    return groups.map { $0.indices.map { rows[$0].0 } }
  }

  func testC07NewestFirstAndOldestFirstGiveTheSameEvents() throws {
    let desc = TraceStitcher.stitch(fragments(reversed: false))
    let asc = TraceStitcher.stitch(fragments(reversed: true))
    XCTAssertEqual(idGroups(desc, reversed: false), [[1, 2, 3, 4, 6, 7, 8], [5]])
    XCTAssertEqual(idGroups(asc, reversed: true), idGroups(desc, reversed: false))
    XCTAssertEqual(desc.map(\.ts), ["2024-06-01T12:00:00.100100Z", "2024-06-01T12:00:00.100450Z"])
    XCTAssertEqual(desc.map(\.severity), [.error, .info])

    // The joined text reads as a trace: header first, exception line last, frames in order.
    let rows = Self.c07
    let text = desc[0].indices.map { rows[$0].3 }.joined(separator: "\n")
    let lines = text.split(separator: "\n")
    XCTAssertTrue(lines[0].contains("Exception on /checkout [POST]"))
    XCTAssertEqual(lines[1], "Traceback (most recent call last):")
    XCTAssertEqual(lines.last, "ZeroDivisionError: division by zero")
    XCTAssertFalse(text.contains("/healthz"))
    let t = try XCTUnwrap(TraceParser.parse(text))
    XCTAssertEqual(t.errorType, "ZeroDivisionError")
    XCTAssertEqual(t.errorValue, "division by zero")
    XCTAssertEqual(t.frames.map(\.file), ["/app/main.py", "/app/pricing.py"])
    XCTAssertEqual(t.frames.map(\.line), [41, 18])
    XCTAssertEqual(t.frames.map(\.function), ["checkout", "total"])
    XCTAssertEqual(
      t.messageBeforeTrace, "[2024-06-01 12:00:00,100] ERROR in app: Exception on /checkout [POST]")
  }

  /// Streaming gives the same groups as the batch call, and holds runs only while they can grow.
  func testStreamingClosesRunsAsTheStreamMovesOn() {
    var s = TraceStitcher()
    var out: [StitchGroup] = []
    for f in fragments(reversed: false) { out += s.add(f) }
    XCTAssertTrue(out.isEmpty, "every fragment is within 5 ms of the run")
    // 1 s later, another instance: both open runs are closed and emitted.
    out += s.add(
      StitchFragment(index: 99, ts: "2024-06-01T12:00:01.000000Z", key: "other", text: "x"))
    XCTAssertEqual(out.count, 2)
    out += s.finish()
    XCTAssertEqual(out.count, 3)
    XCTAssertEqual(out.first { $0.indices.count > 1 }?.indices.count, 7)
  }

  /// Equal timestamps: the order that reads as a trace wins, whatever the input direction.
  func testEqualTimestampsOrderedToReadAsATrace() {
    let ts = "2024-06-01T12:00:00.100000Z"
    let texts = [
      "Traceback (most recent call last):", "  File \"/app/a.py\", line 1, in f", "    g()",
      "ValueError: v",
    ]
    for reversed in [false, true] {
      let ordered = reversed ? Array(texts.reversed()) : texts
      let frags = ordered.enumerated().map { StitchFragment(index: $0, ts: ts, key: "k", text: $1) }
      let groups = TraceStitcher.stitch(frags)
      XCTAssertEqual(groups.count, 1, "reversed: \(reversed)")
      XCTAssertEqual(groups.first?.indices.map { ordered[$0] }, texts, "reversed: \(reversed)")
    }
  }

  /// A gap wider than the limit splits; unrelated lines of the same instance stay single; a
  /// joined group without a trace is undone; a bad timestamp is never joined.
  func testGapsUnrelatedLinesAndBadTimestamps() {
    let frags = [
      StitchFragment(
        index: 0, ts: "2024-06-01T12:00:00.000000Z", key: "k",
        text: "Traceback (most recent call last):"),
      StitchFragment(
        index: 1, ts: "2024-06-01T12:00:00.001000Z", key: "k",
        text: "  File \"/app/a.py\", line 1, in f"),
      StitchFragment(index: 2, ts: "2024-06-01T12:00:00.002000Z", key: "k", text: "KeyError: 'x'"),
      StitchFragment(
        index: 3, ts: "2024-06-01T12:00:00.003000Z", key: "k", text: "GET /healthz 200"),
      StitchFragment(
        index: 4, ts: "2024-06-01T12:00:00.020000Z", key: "k",
        text: "  File \"/app/b.py\", line 2, in g"),
      StitchFragment(index: 5, ts: "2024-06-01T12:00:00.021000Z", key: "k", text: "table header"),
      StitchFragment(index: 6, ts: "2024-06-01T12:00:00.021500Z", key: "k", text: "    row 1"),
      StitchFragment(index: 7, ts: "not a time", key: "k", text: "    x"),
    ]
    let groups = TraceStitcher.stitch(frags).map(\.indices)
    XCTAssertTrue(groups.contains([0, 1, 2]))
    XCTAssertTrue(groups.contains([3]))
    XCTAssertTrue(groups.contains([4]))
    XCTAssertTrue(groups.contains([5]))
    XCTAssertTrue(groups.contains([6]))
    XCTAssertTrue(groups.contains([7]))
    XCTAssertEqual(groups.count, 6)
    let tight = TraceStitcher.stitch(frags, maxGapNanos: 500_000).map(\.indices)
    XCTAssertTrue(
      tight.contains([0]) && tight.contains([1]) && tight.contains([2]), "1 ms apart > 0.5 ms")
  }

  /// Runs are capped: a flood from one instance is cut into bounded runs, nothing is lost.
  func testRunCapBoundsMemory() {
    var s = TraceStitcher(maxRunFragments: 100)
    var seen = 0
    for i in 0..<1_000 {
      let f = StitchFragment(
        index: i, ts: "2024-06-01T12:00:00.000000Z", key: "k", text: "    line \(i)")
      seen += s.add(f).reduce(0) { $0 + $1.indices.count }
    }
    seen += s.finish().reduce(0) { $0 + $1.indices.count }
    XCTAssertEqual(seen, 1_000)
  }
}

final class TraceStitcherTimeTests: XCTestCase {
  /// RFC 3339 reading used for the gap: offsets, fractions, and refusal of what is not a time.
  func testEpochNanos() throws {
    XCTAssertEqual(TextTime.epochNanos("1970-01-01T00:00:00Z"), 0)
    XCTAssertEqual(TextTime.epochNanos("1970-01-01T00:00:01.5Z"), 1_500_000_000)
    XCTAssertEqual(TextTime.epochNanos("1970-01-01T01:00:00+01:00"), 0)
    let later = try XCTUnwrap(TextTime.epochNanos("2024-06-01T12:00:00.100700Z"))
    let earlier = try XCTUnwrap(TextTime.epochNanos("2024-06-01T12:00:00.100100Z"))
    XCTAssertEqual(later - earlier, 600_000)
    // Beyond Int64 nanoseconds: refused, not a trap.
    XCTAssertNil(TextTime.epochNanos("9999-12-31T23:59:59Z"))
    XCTAssertNil(TextTime.epochNanos("2024-06-01T12:00:00"))
    XCTAssertNil(TextTime.epochNanos("2024-06-01T12:00:00.Z"))
    XCTAssertNil(TextTime.epochNanos("2024-02-30T12:00:00Z"))
    XCTAssertNil(TextTime.epochNanos(""))
  }
}
