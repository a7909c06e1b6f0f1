// Hostile text never traps: random mixes of trace keywords, punctuation, control characters,
// combining marks and long runs through every public entry point.
import GardenKit
import XCTest

@testable import GardenParse

final class TextFormatHostileInputTests: XCTestCase {
  /// Deterministic generator (64-bit LCG), so a failure reproduces.
  private struct LCG {
    var state: UInt64
    mutating func next(_ n: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(n))
    }
  }

  private static let pieces = [
    "Traceback (most recent call last):", "  File \"", "\", line ", "99999999999999999999", ", in ",
    "\tat ", "(", ")", ":", "Caused by: ", "... ", " more", "goroutine ", " [running]:", "panic: ",
    "    at ", "Error", ": ", "[", "]", "ERROR", "level=", "\"", "\u{0}", "\r", "\t", "\u{301}",
    "é", "🤗", "\u{FFFD}", "2024-05-14T09:20:44", ".999999999999", "+99:99", "Z", "May 14 ",
    "I0514 ",
    "During handling of the above exception, another exception occurred:", "/", ".go:", " +0x1",
    "java.lang.", "Exception", "node:internal", ".py", "<frozen x>", " ", "", "\n",
  ]

  func testRandomLinesNeverTrap() {
    var rng = LCG(state: 0x5EED)
    var assembler = TextEventAssembler(defaultYear: 2024, maxLines: 50, maxBytes: 4096)
    var stitcher = TraceStitcher(maxRunFragments: 20)
    var events = 0
    var groups = 0
    for i in 0..<3_000 {
      var line = ""
      for _ in 0..<rng.next(12) { line += Self.pieces[rng.next(Self.pieces.count)] }
      _ = TextLineClassifier.level(in: line)
      _ = TextLineClassifier.timestampPrefix(line)
      _ = TextLineClassifier.isContinuation(line, previous: i % 2 == 0 ? line : "x")
      _ = TraceParser.parse(line)
      for part in TextLines.split(line) {
        if assembler.feed(String(part), lineNumber: i + 1) != nil { events += 1 }
      }
      let ts = rng.next(3) == 0 ? line : "2024-06-01T12:00:00.\(100_000 + rng.next(50))Z"
      let f = StitchFragment(index: i, ts: ts, key: "k\(rng.next(3))", text: line)
      groups += stitcher.add(f).reduce(0) { $0 + $1.indices.count }
    }
    if assembler.finish() != nil { events += 1 }
    groups += stitcher.finish().reduce(0) { $0 + $1.indices.count }
    XCTAssertGreaterThan(events, 0)
    XCTAssertEqual(groups, 3_000, "every fragment comes out exactly once")
  }
}
