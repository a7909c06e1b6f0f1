// Split-trace stitching through the real stage: C07 in both orders, the staging example's split
// KeyError traceback, counts, filters, output order, --no-stitch, and the bounds on waiting.
import Foundation
import GardenKit
import XCTest

@testable import GardenParse

final class StitchingStageTests: XCTestCase {
  typealias T = ParseTestSupport

  static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// A minimal stderr entry of one Cloud Run instance.
  func entry(
    _ id: String, _ text: String, ts: String, instance: String = "i1",
    log: String = "run.googleapis.com%2Fstderr", severity: String = "ERROR"
  ) -> String {
    JSONWriter.string(
      .object(
        JSONObject([
          "insertId": .string(id), "logName": .string("projects/p/logs/" + log),
          "timestamp": .string(ts), "textPayload": .string(text), "severity": .string(severity),
          "labels": .object(JSONObject(["instanceId": .string(instance)])),
          "resource": .object(
            JSONObject([
              "type": .string("cloud_run_revision"),
              "labels": .object(JSONObject(["service_name": .string("api")])),
            ])),
        ])))
  }

  func array(_ entries: [String]) -> String { "[\n" + entries.joined(separator: ",\n") + "\n]\n" }

  /// Checks C07's event A and B; returns them.
  func checkC07(_ run: ParseRun, file: StaticString = #filePath, line: UInt = #line) throws {
    XCTAssertEqual(run.status, .ok, file: file, line: line)
    XCTAssertEqual(run.events.count, 2, file: file, line: line)
    let a = try XCTUnwrap(run.events.first { $0["instance"]?.string?.hasPrefix("00a1") ?? false })
    let b = try XCTUnwrap(run.events.first { $0["instance"]?.string?.hasPrefix("00ff") ?? false })
    XCTAssertEqual(a["ts"]?.string, "2024-06-01T12:00:00.100100Z", file: file, line: line)
    XCTAssertEqual(a["severity"]?.string, "ERROR", file: file, line: line)
    XCTAssertEqual(a["error"]?["type"]?.string, "ZeroDivisionError", file: file, line: line)
    XCTAssertEqual(a["error"]?["value"]?.string, "division by zero", file: file, line: line)
    let frames = a["frames"]?.array?.compactMap(\.object) ?? []
    XCTAssertEqual(
      frames.map {
        "\($0["file"]?.string ?? ""):\($0["line"]?.int ?? 0):\($0["function"]?.string ?? "")"
      },
      ["/app/main.py:41:checkout", "/app/pricing.py:18:total"], file: file, line: line)
    let message = a["message"]?.string ?? ""
    XCTAssertTrue(message.contains("Exception on /checkout [POST]"), file: file, line: line)
    let lines = message.split(separator: "\n").map(String.init)
    let header = lines.firstIndex(of: "Traceback (most recent call last):")
    let firstFrame = lines.firstIndex { $0.hasPrefix("  File ") }
    XCTAssertNotNil(header, file: file, line: line)
    XCTAssertLessThan(header ?? 99, firstFrame ?? -1, file: file, line: line)
    XCTAssertEqual(lines.last, "ZeroDivisionError: division by zero", file: file, line: line)
    XCTAssertFalse(message.contains("healthz"), file: file, line: line)
    XCTAssertEqual(a["id"]?.string, "c07-0001", file: file, line: line)
    XCTAssertEqual(a["parts"]?.array?.count, 6, file: file, line: line)
    XCTAssertEqual(b["message"]?.string, "GET /healthz 200 0.8ms", file: file, line: line)
    XCTAssertEqual(b["severity"]?.string, "INFO", file: file, line: line)
    XCTAssertNil(b["parts"], file: file, line: line)
    XCTAssertEqual(run.count("entries_in"), 8, file: file, line: line)
    XCTAssertEqual(run.count("events_out"), 2, file: file, line: line)
    XCTAssertEqual(run.count("joined"), 6, file: file, line: line)
  }

  /// The events without their positions, which differ between the two input orders.
  func positionless(_ run: ParseRun) -> [JSONObject] {
    run.events.map { e in
      var e = e
      e["src"] = nil
      e["parts"] = nil
      return e
    }
  }

  func testC07NewestFirstAndReversed() throws {
    let path = try T.sharedFile("data/cases/C07.input")
    let desc = try T.run([path])
    try checkC07(desc)
    let bytes = try JSONReader.parse(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    let reversed = JSONValue.array(Array((bytes.array ?? []).reversed()))
    let asc = try T.run([T.file("c07-reversed.json", JSONWriter.string(reversed))])
    try checkC07(asc)
    XCTAssertEqual(positionless(desc), positionless(asc))
    // Every entry is covered exactly once, in both orders: src plus parts are all 8 positions.
    for run in [desc, asc] {
      let covered = run.events.flatMap { e in
        ([e["src"]] + (e["parts"]?.array ?? []).map { Optional($0) }).compactMap {
          $0?["index"]?.int
        }
      }
      XCTAssertEqual(covered.sorted(), Array(0..<8))
    }
    // The joined event stands where its first part stood: first in both orders.
    XCTAssertEqual(desc.events.first?["id"]?.string, "c07-0001")
    XCTAssertEqual(asc.events.first?["id"]?.string, "c07-0001")
  }

  func testNoStitchKeepsOneEventPerEntry() throws {
    let path = try T.sharedFile("data/cases/C07.input")
    let run = try T.run(["--no-stitch", path])
    XCTAssertEqual(run.events.count, 8)
    XCTAssertEqual(run.count("joined"), 0)
    XCTAssertTrue(run.events.allSatisfy { $0["parts"] == nil && $0["frames"] == nil })
  }

  func testStitchAndNoStitchTogetherIsAUsageError() {
    guard case .run(let args) = Arguments.parse(["--stitch", "--no-stitch"], spec: ParseSpec.spec)
    else { return XCTFail("arguments rejected") }
    XCTAssertThrowsError(try ParseOptions(args)) { e in
      XCTAssertEqual((e as? StageError)?.status, .usage)
    }
  }

  func testStagingExampleKeyErrorTracebacksAreJoined() throws {
    let path = Self.repoRoot.appendingPathComponent("examples/staging-export.json").path
    guard FileManager.default.fileExists(atPath: path) else { throw XCTSkip("no example") }
    let run = try T.run([path])
    let keyErrors = run.events.filter { $0["error"]?["type"]?.string == "KeyError" }
    XCTAssertEqual(keyErrors.count, 3)
    for e in keyErrors {
      XCTAssertEqual(e["frames"]?.array?.count, 3)
      XCTAssertEqual(e["parts"]?.array?.count, 7)
      XCTAssertEqual(e["error"]?["value"]?.string, "'conversation_id'")
      XCTAssertTrue(e["message"]?.string?.hasPrefix("Traceback (most recent call last):") ?? false)
    }
    for e in run.events {
      let m = e["message"]?.string ?? ""
      XCTAssertNotEqual(m, "Traceback (most recent call last):")
      XCTAssertFalse(
        m.trimmingCharacters(in: .whitespaces).hasPrefix("File \"") && !m.contains("\n"))
      XCTAssertNotEqual(m, "KeyError: 'conversation_id'")
    }
    let c = { run.count($0) ?? -1 }
    XCTAssertEqual(c("joined"), 21)
    XCTAssertEqual(
      c("entries_in"),
      c("events_out") + c("rejected") + c("duplicates") + c("filtered") + c("joined"))
  }

  /// Filters see the joined event: its severity is the highest of its parts, its time the earliest.
  func testFiltersApplyToTheJoinedEvent() throws {
    let entries = [
      entry(
        "1", "Traceback (most recent call last):", ts: "2024-06-01T12:00:00.000100Z",
        severity: "INFO"),
      entry(
        "2", "  File \"/app/a.py\", line 3, in f", ts: "2024-06-01T12:00:00.000200Z",
        severity: "INFO"),
      entry("3", "ValueError: bad", ts: "2024-06-01T12:00:00.000300Z", severity: "ERROR"),
      entry("4", "all good", ts: "2024-06-01T12:00:01Z", severity: "INFO"),
    ]
    let path = T.file("filtered.json", array(entries))
    let run = try T.run(["--min-severity", "ERROR", "--since", "2024-06-01T12:00:00.000100Z", path])
    XCTAssertEqual(run.events.count, 1)
    XCTAssertEqual(run.events.first?["severity"]?.string, "ERROR")
    XCTAssertEqual(run.events.first?["ts"]?.string, "2024-06-01T12:00:00.000100Z")
    XCTAssertEqual(run.count("joined"), 2)
    XCTAssertEqual(run.count("filtered"), 1)
    XCTAssertEqual(run.count("entries_in"), 4)
  }

  /// Different instances, logs or a gap of more than a few ms never join; output keeps input order.
  func testOnlySameInstanceAndCloseInTimeJoin() throws {
    let entries = [
      entry("1", "Traceback (most recent call last):", ts: "2024-06-01T12:00:00.000100Z"),
      entry(
        "2", "  File \"/app/a.py\", line 3, in f", ts: "2024-06-01T12:00:00.000200Z", instance: "i2"
      ),
      entry(
        "3", "  File \"/app/b.py\", line 4, in g", ts: "2024-06-01T12:00:00.000300Z", log: "other"),
      entry("4", "ValueError: bad", ts: "2024-06-01T12:00:00.900000Z"),
      #"{"insertId":"5","jsonPayload":{"message":"structured"},"timestamp":"2024-06-01T12:00:01Z"}"#,
    ]
    let run = try T.run([T.file("apart.json", array(entries))])
    XCTAssertEqual(run.events.map { $0["id"]?.string }, ["1", "2", "3", "4", "5"])
    XCTAssertEqual(run.count("joined"), 0)
    // Without any join the output is byte for byte what --no-stitch writes.
    let off = try T.run(["--no-stitch", T.file("apart.json", array(entries))])
    XCTAssertEqual(run.records, off.records)
  }

  /// NDJSON is stitched too; the joined text is scrubbed as a whole.
  func testNDJSONIsStitchedAndScrubbed() throws {
    let entries = [
      entry(
        "3", "RuntimeError: mail to alice@example.com failed", ts: "2024-06-01T12:00:00.000300Z"),
      entry("2", "  File \"/app/mail.py\", line 9, in send", ts: "2024-06-01T12:00:00.000200Z"),
      entry("1", "Traceback (most recent call last):", ts: "2024-06-01T12:00:00.000100Z"),
    ]
    let run = try T.run([T.file("split.ndjson", entries.joined(separator: "\n") + "\n")])
    XCTAssertEqual(run.events.count, 1)
    let e = try XCTUnwrap(run.events.first)
    XCTAssertEqual(e["error"]?["type"]?.string, "RuntimeError")
    XCTAssertEqual(e["src"]?["line"]?.int, 3)
    XCTAssertEqual(e["parts"]?.array?.compactMap { $0["line"]?.int }, [2, 1])
    XCTAssertFalse(e["message"]?.string?.contains("alice@example.com") ?? true)
    XCTAssertFalse(e["error"]?["value"]?.string?.contains("alice@example.com") ?? true)
  }
}

/// The waiting queue in front of the stitcher: order and bounds.
final class EntryStitchingTests: XCTestCase {
  func event(_ id: Int, _ text: String, nanos: Int64?) -> (Event, Timestamp?) {
    var e = Event()
    e.id = String(id)
    e.message = text
    e.log = "stderr"
    e.instance = "i1"
    e.src = SourceRef(file: "f", index: id)
    guard let nanos else { return (e, nil) }
    let t = Timestamp(
      seconds: 1_700_000_000 + nanos / 1_000_000_000, nanos: Int32(nanos % 1_000_000_000))
    e.ts = t.rfc3339
    return (e, t)
  }

  /// A candidate waits only until the stream moves more than the gap away from it.
  func testCandidateIsReleasedWhenTheStreamMovesOn() throws {
    let s = EntryStitching()
    var out: [String] = []
    let (c, ct) = event(0, "Traceback (most recent call last):", nanos: 0)
    try s.add(c, timestamp: ct, candidate: true) { out.append($0.event.id ?? "") }
    XCTAssertEqual(out, [], "a candidate waits for its possible continuation")
    let (n, nt) = event(1, "structured", nanos: 1_000_000)
    try s.add(n, timestamp: nt, candidate: false) { out.append($0.event.id ?? "") }
    XCTAssertEqual(out, [], "1 ms later the trace may still continue")
    let (m, mt) = event(2, "structured", nanos: 20_000_000)
    try s.add(m, timestamp: mt, candidate: false) { out.append($0.event.id ?? "") }
    XCTAssertEqual(out, ["0", "1", "2"], "20 ms later: everything is written, in input order")
  }

  /// Without times to move the stream on, the queue cap still bounds the wait.
  func testQueueIsCappedWithoutTimes() throws {
    let s = EntryStitching()
    var out: [Int] = []
    let (c, ct) = event(0, "Traceback (most recent call last):", nanos: 0)
    try s.add(c, timestamp: ct, candidate: true) { out.append($0.event.src?.index ?? -1) }
    for i in 1...(EntryStitching.maxQueued + 10) {
      let (e, _) = event(i, "no time", nanos: nil)
      try s.add(e, timestamp: nil, candidate: false) { out.append($0.event.src?.index ?? -1) }
    }
    XCTAssertEqual(out.count, EntryStitching.maxQueued + 11, "nothing waits past the cap")
    XCTAssertEqual(out, Array(0...(EntryStitching.maxQueued + 10)))
  }

  /// A flood of candidates from one instance at one instant: everything comes out, in order.
  func testFloodOfCandidatesComesOutInOrder() throws {
    let s = EntryStitching()
    var out: [Int] = []
    for i in 0..<10_000 {
      let (e, t) = event(i, "    line \(i)", nanos: 5)
      try s.add(e, timestamp: t, candidate: true) { out.append($0.event.src?.index ?? -1) }
    }
    try s.finish { out.append($0.event.src?.index ?? -1) }
    XCTAssertEqual(out, Array(0..<10_000))
  }
}

/// The duplicate filter's key hash: keys that differ in several places never collide.
final class DeduplicatorTests: XCTestCase {
  func testNearKeysAreNotRepeats() {
    var d = Deduplicator()
    var repeats = 0
    for i in 0..<20_000 {
      let ts = "2024-06-01T12:00:00.\(String(100_000 + i % 1000))Z"
      let id = "c07-\(String(10_000 + i))"
      if d.isRepeat(
        logName: "projects/p/logs/run.googleapis.com%2Fstderr", timestamp: ts, insertId: id)
      {
        repeats += 1
      }
    }
    XCTAssertEqual(repeats, 0)
    XCTAssertTrue(
      d.isRepeat(
        logName: "projects/p/logs/run.googleapis.com%2Fstderr",
        timestamp: "2024-06-01T12:00:00.100000Z", insertId: "c07-10000"))
    // Where one string ends and the next begins matters.
    XCTAssertFalse(d.isRepeat(logName: "ab", timestamp: "c", insertId: "x"))
    XCTAssertFalse(d.isRepeat(logName: "a", timestamp: "bc", insertId: "x"))
    XCTAssertFalse(d.isRepeat(logName: nil, timestamp: nil, insertId: "x"))
    XCTAssertFalse(
      d.isRepeat(logName: "a", timestamp: "b", insertId: nil), "no insertId: never a repeat")
    XCTAssertFalse(d.isRepeat(logName: "a", timestamp: "b", insertId: nil))
  }
}

/// The duplicate filter remembers a bounded number of keys, oldest forgotten first.
final class DeduplicatorCapacityTests: XCTestCase {
  func testRemembersTheLastCapacityKeysOnly() {
    var d = Deduplicator(capacity: 3)
    for k: UInt64 in [1, 2, 3] { XCTAssertFalse(d.isRepeat(key: k)) }
    XCTAssertTrue(d.isRepeat(key: 1), "within the last three")
    XCTAssertFalse(d.isRepeat(key: 4), "new; forgets 1")
    XCTAssertFalse(d.isRepeat(key: 1), "forgotten, so kept again (and remembered, forgetting 2)")
    XCTAssertFalse(d.isRepeat(key: 2))
    XCTAssertTrue(d.isRepeat(key: 4))
    XCTAssertTrue(d.isRepeat(key: 1))
    XCTAssertFalse(d.isRepeat(key: nil))
    XCTAssertFalse(d.isRepeat(key: nil))
  }

  func testARepeatDoesNotTakeASlot() {
    var d = Deduplicator(capacity: 2)
    XCTAssertFalse(d.isRepeat(key: 10))
    XCTAssertFalse(d.isRepeat(key: 20))
    for _ in 0..<5 { XCTAssertTrue(d.isRepeat(key: 10)) }
    XCTAssertTrue(d.isRepeat(key: 20), "repeats of 10 did not push 20 out")
  }
}

/// The byte scans that skip eight bytes at a time (array framing, JSON strings): text full of
/// escapes, quotes, line breaks and multibyte characters at every offset, across the input
/// buffer's refills, comes out exactly as a whole-file parse reads it.
final class WordScanTests: XCTestCase {
  func testEscapesAtEveryOffsetSurviveFramingAndParsing() throws {
    let pieces = [
      "a", "\\\"", "\\\\", "\\n", "é", "\"", "\n", "💥", "\\u00e9", " ", "\\/", "{", "]",
    ]
    var seed: UInt64 = 42
    func next() -> Int {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int(seed >> 33)
    }
    var entries: [String] = []
    var bytes = 0
    var i = 0
    while bytes < 5 << 19 {  // several 1 MiB reads
      var text = ""
      for _ in 0..<(next() % 40) { text += pieces[next() % pieces.count] }
      // Quotes and raw line breaks must be escaped to stay JSON.
      text = text.replacingOccurrences(of: "\n", with: "\\n")
      var escaped = ""
      var previousBackslashes = 0
      for ch in text {
        if ch == "\"" && previousBackslashes % 2 == 0 { escaped += "\\" }
        previousBackslashes = ch == "\\" ? previousBackslashes + 1 : 0
        escaped.append(ch)
      }
      if previousBackslashes % 2 == 1 { escaped += "\\" }
      let e =
        "  {\n    \"insertId\": \"w\(i)\",\n    \"textPayload\": \"x\(escaped)\",\n    \"timestamp\": \"2024-06-01T12:00:\(String(10 + i % 50)).\(String(100_000 + i))Z\"\n  }"
      entries.append(e)
      bytes += e.utf8.count
      i += 1
    }
    let doc = "[\n" + entries.joined(separator: ",\n") + "\n]\n"
    let expected = try JSONReader.parse(doc).array?.compactMap { $0["textPayload"]?.string } ?? []
    XCTAssertEqual(expected.count, entries.count)
    let run = try ParseTestSupport.run([
      "--no-scrub", "--no-stitch", ParseTestSupport.file("words.json", doc),
    ])
    XCTAssertEqual(run.status, .ok)
    XCTAssertEqual(run.events.count, entries.count)
    // Messages are trimmed of trailing blanks; compare the same way.
    let trimmed = expected.map { MessageBuilder.meaningful($0) ?? "" }
    XCTAssertEqual(run.events.map { $0["message"]?.string ?? "" }, trimmed)
    XCTAssertEqual(run.events.last?["src"]?["line"]?.int, 2 + 5 * (entries.count - 1))
  }
}
