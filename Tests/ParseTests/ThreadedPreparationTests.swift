// The per-entry work runs on several threads; the output must not depend on how many. These tests
// feed inputs that span many batches, with repeats across batches, split traces, rejected pieces,
// unreadable timestamps and secrets, and compare every record, message and rejects line.
import Foundation
import GardenKit
import XCTest

@testable import GardenParse

final class ThreadedPreparationTests: XCTestCase {
  static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The bundled example's entries four times over (three repeats of each), with a broken element
  /// every 97 pieces and an entry with an unreadable timestamp every 131: about 1,500 pieces, so
  /// several batches of `PreparationPipeline.batchPieces`.
  func mixedPieces() throws -> [[UInt8]] {
    let path = Self.repoRoot.appendingPathComponent("examples/staging-export.json").path
    guard FileManager.default.fileExists(atPath: path) else { throw XCTSkip("no example") }
    let all = try JSONReader.parse(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    let entries = try XCTUnwrap(all.array)
    var pieces: [[UInt8]] = []
    for round in 0..<4 {
      for (i, e) in entries.enumerated() {
        let n = pieces.count
        if n % 97 == 96 { pieces.append(Array(#"{"insertId": "broken-\#(n)", }"#.utf8)) }
        if n % 131 == 130 {
          pieces.append(
            Array(
              #"{"insertId":"t\#(round)-\#(i)","timestamp":"yesterday","textPayload":"password=hunter2 from a@b.example"}"#
                .utf8))
        }
        var out: [UInt8] = []
        JSONWriter.write(e, into: &out)
        pieces.append(out)
      }
    }
    XCTAssertGreaterThan(pieces.count, 4 * PreparationPipeline.batchPieces)
    return pieces
  }

  func run(_ args: [String], file: String, threads: Int) throws -> (ParseRun, String) {
    let rejects = ParseTestSupport.scratch.appendingPathComponent("rejects-\(threads).ndjson").path
    let r = try ParseTestSupport.run(
      ["garden-parse", "--threads", String(threads), "--rejects", rejects] + args + [file])
    return (r, try String(contentsOfFile: rejects, encoding: .utf8))
  }

  func assertSameForAllThreadCounts(_ args: [String], file: String) throws {
    let (one, rejectsOne) = try run(args, file: file, threads: 1)
    XCTAssertGreaterThan(one.events.count, 200)
    XCTAssertGreaterThan(one.count("duplicates") ?? 0, 1000, "repeats across batches are found")
    XCTAssertFalse(rejectsOne.isEmpty)
    for threads in [2, 3, 8] {
      let (many, rejectsMany) = try run(args, file: file, threads: threads)
      XCTAssertEqual(many.status, one.status, "threads \(threads)")
      XCTAssertEqual(many.records.count, one.records.count, "threads \(threads)")
      XCTAssertTrue(many.records == one.records, "records differ with \(threads) threads")
      XCTAssertEqual(many.messages, one.messages, "threads \(threads)")
      XCTAssertEqual(rejectsMany, rejectsOne, "threads \(threads)")
    }
  }

  func testArrayOutputIsTheSameForEveryThreadCount() throws {
    let pieces = try mixedPieces()
    var text: [UInt8] = Array("[\n".utf8)
    for (i, p) in pieces.enumerated() {
      if i > 0 { text += Array(",\n".utf8) }
      text += p
    }
    text += Array("\n]\n".utf8)
    let path = ParseTestSupport.file("threads-array.json", text)
    try assertSameForAllThreadCounts([], file: path)
    try assertSameForAllThreadCounts(["--min-severity", "WARNING", "--no-stitch"], file: path)
  }

  func testNDJSONOutputIsTheSameForEveryThreadCount() throws {
    let pieces = try mixedPieces()
    let path = ParseTestSupport.file(
      "threads.ndjson", pieces.flatMap { $0 + [0x0A] })
    try assertSameForAllThreadCounts([], file: path)
  }

  func testAJoinedTraceIsStillJoinedAcrossABatchBoundary() throws {
    // One Python traceback stored one line per entry, placed so that a batch ends inside it.
    let filler = PreparationPipeline.batchPieces - 3
    var lines: [String] = []
    for i in 0..<filler {
      lines.append(
        #"{"insertId":"f\#(i)","timestamp":"2025-01-01T00:00:0\#(i % 10).000000Z","logName":"projects/p/logs/app","textPayload":"ok \#(i)"}"#
      )
    }
    let trace = [
      "Traceback (most recent call last):", "  File \\\"/app/main.py\\\", line 3, in <module>",
      "    run()", "ValueError: bad value",
    ]
    for (i, t) in trace.enumerated() {
      lines.append(
        #"{"insertId":"t\#(i)","timestamp":"2025-01-01T00:00:10.00000\#(i)Z","logName":"projects/p/logs/app","severity":"ERROR","textPayload":"\#(t)"}"#
      )
    }
    let path = ParseTestSupport.file("threads-trace.ndjson", lines.joined(separator: "\n") + "\n")
    for threads in [1, 2, 3] {
      let r = try ParseTestSupport.run(["garden-parse", "--threads", String(threads), path])
      XCTAssertEqual(r.events.count, filler + 1, "threads \(threads)")
      XCTAssertEqual(r.count("joined"), 3, "threads \(threads)")
      XCTAssertEqual(r.events.last?["error"]?["type"]?.string, "ValueError", "threads \(threads)")
    }
  }

  func testSplitCoversEveryPieceInOrder() {
    for (count, parts) in [(1, 4), (5, 2), (256, 3), (7, 7), (0, 2)] {
      let ranges = PreparationPipeline.split(count, into: parts)
      XCTAssertEqual(ranges.first?.lowerBound ?? 0, 0)
      XCTAssertEqual(ranges.last?.upperBound ?? 0, count)
      XCTAssertLessThanOrEqual(ranges.count, max(1, parts))
      for (a, b) in zip(ranges, ranges.dropFirst()) { XCTAssertEqual(a.upperBound, b.lowerBound) }
      if count > 0 { XCTAssertTrue(ranges.allSatisfy { !$0.isEmpty }) }
    }
  }

  func testThreadsOptionIsChecked() {
    for bad in ["0", "-1", "many", "257"] {
      guard
        case .run(let args) = Arguments.parse(
          ["garden-parse", "--threads", bad], spec: ParseSpec.spec)
      else { continue }
      XCTAssertThrowsError(try ParseOptions(args), "--threads \(bad)")
    }
  }
}
