// The built garden-score, run as a process: the golden output on the fixture stream, determinism,
// the history across runs (runs_seen, identical output for identical history), a SIGKILL between the
// temporary write and the rename, exit statuses, and the help screen.

import Foundation
import GardenKit
import XCTest

@testable import GardenScore

final class StageBinaryTests: XCTestCase {
  let input = Paths.fixtures.appendingPathComponent("staging-hour.clusters.ndjson").path
  let golden = Paths.fixtures.appendingPathComponent("staging-hour.scored.ndjson")
  let config = Paths.root.appendingPathComponent("examples/score-config.json").path

  func records(_ text: String) throws -> [JSONObject] {
    try text.split(separator: "\n").map { line in
      guard let o = try JSONReader.parse(String(line)).object else {
        throw StageError(.dataError, "not an object")
      }
      return o
    }
  }

  /// Regenerate with GARDEN_UPDATE_GOLDEN=1 after a deliberate change, and review the diff.
  func testGoldenOutputOnTheFixtureStream() throws {
    let r = try Binary.run(["--config", config, input])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertEqual(r.stderr, "")
    if ProcessInfo.processInfo.environment["GARDEN_UPDATE_GOLDEN"] == "1" {
      try Data(r.stdout.utf8).write(to: golden)
    }
    let expected = try String(contentsOf: golden, encoding: .utf8)
    XCTAssertEqual(r.stdout, expected, "output differs from \(golden.lastPathComponent)")

    let out = try records(r.stdout)
    XCTAssertEqual(
      out.prefix(2).map { $0["stage"]?.string }, ["parse", "cluster"], "metas first, unchanged")
    let inputLines = try String(contentsOfFile: input, encoding: .utf8).split(separator: "\n")
    XCTAssertEqual(JSONWriter.string(.object(out[0])), String(inputLines[0]))
    let clusters = out.filter { $0["kind"]?.string == "cluster" }
    XCTAssertEqual(clusters.first?["title"]?.string?.hasPrefix("StartupValidationError"), true)
    XCTAssertEqual(clusters.first?.priority, "P0")
    XCTAssertEqual(
      clusters.first?.reasons.first,
      "CRITICAL at startup: the service cannot start (10 events on 2 revisions; matched 'service validation failed')"
    )
    let symptoms = clusters.filter { $0["symptom_of"]?.string == "5ea7e1c0d3b2a190" }
    XCTAssertEqual(symptoms.count, 4)
    XCTAssertFalse(symptoms.contains { $0.priority == "P0" })
    let meta = try XCTUnwrap(out.last)
    XCTAssertEqual(meta["stage"]?.string, "score")
    let counts = try XCTUnwrap(meta["counts"]?.object)
    XCTAssertEqual(
      counts["records_in"]?.int,
      (counts["records_out"]?.int ?? -1) + (counts["rejected"]?.int ?? -1))
    XCTAssertEqual(counts["P0"]?.int, 1)
    XCTAssertEqual(meta["health"]?.array?.first?["status"]?.string, "failing")
  }

  func testSameInputAndHistoryGiveIdenticalOutputAndTwoRunsCountTwo() throws {
    let dir = try Paths.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let h = dir.appendingPathComponent("history.json").path
    let first = try Binary.run(["--history", h, input])
    XCTAssertEqual(first.status, 0, first.stderr)
    let afterOne = try Data(contentsOf: URL(fileURLWithPath: h))
    let copy = dir.appendingPathComponent("copy.json").path
    try afterOne.write(to: URL(fileURLWithPath: copy))

    let second = try Binary.run(["--history", h, input])
    let again = try Binary.run(["--history", copy, input])
    XCTAssertEqual(second.status, 0, second.stderr)
    XCTAssertEqual(second.stdout, again.stdout, "same input, same history: byte-identical output")
    XCTAssertEqual(
      try Data(contentsOf: URL(fileURLWithPath: h)),
      try Data(contentsOf: URL(fileURLWithPath: copy)))

    let history = try XCTUnwrap(HistoryStore(path: h).read())
    XCTAssertEqual(history.lastRun, 2)
    XCTAssertEqual(history.entries.count, 13)
    XCTAssertEqual(Set(history.entries.values.map(\.runsSeen)), [2])
    let clusters = try records(second.stdout).filter { $0["kind"]?.string == "cluster" }
    XCTAssertEqual(Set(clusters.compactMap { $0["category"]?.string }), ["known"])
    XCTAssertEqual(Set(clusters.compactMap { $0["trend"]?.string }), ["steady"])
    XCTAssertNotEqual(first.stdout, second.stdout, "the first run saw no history")
  }

  func testKilledBetweenTempWriteAndRenameLeavesThePreviousHistory() throws {
    let dir = try Paths.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let h = dir.appendingPathComponent("history.json").path
    XCTAssertEqual(try Binary.run(["--history", h, input]).status, 0)
    let before = try Data(contentsOf: URL(fileURLWithPath: h))

    let killed = try Binary.run(
      ["--history", h, input], env: [ScoreStage.crashHook: "before-rename"])
    XCTAssertEqual(killed.signal, SIGKILL, "the hook kills the process at the worst moment")
    XCTAssertEqual(
      try Data(contentsOf: URL(fileURLWithPath: h)), before, "the history is untouched")
    XCTAssertEqual(try HistoryStore(path: h).read()?.lastRun, 1)

    let next = try Binary.run(["--history", h, input])
    XCTAssertEqual(next.status, 0, next.stderr)
    XCTAssertEqual(try HistoryStore(path: h).read()?.lastRun, 2)
  }

  func testCorruptHistoryIsADataErrorUnlessReset() throws {
    let dir = try Paths.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let h = dir.appendingPathComponent("history.json").path
    try Data("{\"version\": 1, \"last".utf8).write(to: URL(fileURLWithPath: h))
    let refused = try Binary.run(["--history", h, input])
    XCTAssertEqual(refused.status, 65)
    XCTAssertEqual(refused.stdout, "", "no output before the history is known to be good")
    XCTAssertTrue(refused.stderr.contains("the history file is corrupt"), refused.stderr)
    let reset = try Binary.run(["--history", h, "--reset-history", input])
    XCTAssertEqual(reset.status, 0, reset.stderr)
    XCTAssertEqual(try HistoryStore(path: h).read()?.lastRun, 1)
    XCTAssertTrue(reset.stdout.contains("the history was reset (--reset-history)"))
  }

  func testInvalidConfigNamesTheKeyAndExits65() throws {
    let dir = try Paths.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let c = dir.appendingPathComponent("c.json")
    try Data(#"{"thresholds": {"burst_share": 2}}"#.utf8).write(to: c)
    let r = try Binary.run(["--config", c.path, input])
    XCTAssertEqual(r.status, 65)
    XCTAssertEqual(
      r.stderr,
      "garden-score: \(c.path): invalid config: key 'thresholds.burst_share': must be a number in (0, 1], got 2\n"
    )
    XCTAssertEqual(r.stdout, "")
  }

  func testBadLinesAreRejectedAndCounted() throws {
    let dir = try Paths.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let f = dir.appendingPathComponent("in.ndjson")
    let text = try String(contentsOfFile: input, encoding: .utf8)
    var lines = text.split(separator: "\n").map(String.init)
    lines.insert("{not json", at: 3)
    lines.insert(#"{"kind":"cluster","title":"no fingerprint"}"#, at: 4)
    try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: f)
    let r = try Binary.run([f.path, "--now", "2025-09-15T14:00:00Z"])
    XCTAssertEqual(r.status, 2, r.stderr)
    XCTAssertTrue(r.stderr.contains(":4: not valid JSON"), r.stderr)
    XCTAssertTrue(r.stderr.contains(":5: cluster record has no \"fingerprint\" string"), r.stderr)
    let meta = try XCTUnwrap(try records(r.stdout).last)
    XCTAssertEqual(meta["counts"]?["records_in"]?.int, 17)
    XCTAssertEqual(meta["counts"]?["records_out"]?.int, 15)
    XCTAssertEqual(meta["counts"]?["rejected"]?.int, 2)
    XCTAssertEqual(meta["now"]?.string, "2025-09-15T14:00:00Z")
  }

  func testPartialInputIsFlaggedAndDoesNotTouchTheHistory() throws {
    let dir = try Paths.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let f = dir.appendingPathComponent("in.ndjson")
    let lines = try String(contentsOfFile: input, encoding: .utf8).split(separator: "\n").dropLast()
    try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: f)
    let h = dir.appendingPathComponent("history.json").path
    let r = try Binary.run(["--history", h, f.path])
    XCTAssertEqual(r.status, 3, r.stderr)
    XCTAssertFalse(FileManager.default.fileExists(atPath: h))
    let meta = try XCTUnwrap(try records(r.stdout).last)
    XCTAssertEqual(meta["complete"], .bool(false))
    XCTAssertEqual(meta["history"]?["written"], .bool(false))
  }

  func testHelpDocumentsEveryRuleAndTheConfigFormat() throws {
    let r = try Binary.run(["--help"])
    XCTAssertEqual(r.status, 0)
    for rule in BuiltInRules.keywordRules {
      XCTAssertTrue(
        r.stdout.contains("  \(rule.name), \(rule.priority.name), "), "help lacks rule \(rule.name)"
      )
      for term in rule.matcher.contains {
        XCTAssertTrue(r.stdout.contains("\"\(term)\""), "help lacks \(term)")
      }
    }
    for name in BuiltInRules.codeRuleNames + ConfigLoader.topKeys + ConfigLoader.thresholdKeys {
      XCTAssertTrue(r.stdout.contains(name), "help lacks \(name)")
    }
    for word in [
      "PRIORITY RULES", "Frequency", "Symptoms", "CATEGORY", "TREND", "HEALTH", "SCORE", "HISTORY",
      "Example:", "--now RFC3339", "EXIT STATUS",
    ] {
      XCTAssertTrue(r.stdout.contains(word), "help lacks \(word)")
    }
  }
}
