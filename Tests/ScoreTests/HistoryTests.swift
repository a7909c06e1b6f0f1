// The history file: merging runs, aliases, strict reading, atomic replacement that survives a failure
// between writing the temporary file and renaming it, and two racing runs that both get counted.

import Foundation
import GardenKit
import XCTest

@testable import GardenScore

final class HistoryTests: XCTestCase {
  func sighting(_ fp: String, _ count: Int, signatures: [String] = [], at hour: Int = 13)
    -> History.Sighting
  {
    History.Sighting(
      fingerprint: fp, signatures: Array(Set(signatures + [fp])).sorted(), title: "t \(fp)",
      count: count,
      firstSeen: "2025-09-15T\(hour):05:00Z", lastSeen: "2025-09-15T\(hour):55:00Z")
  }

  func merged(_ h: History, _ s: [History.Sighting], hour: Int, keep: Int = 24) -> History {
    h.merging(
      run: s, now: Timestamp(rfc3339: "2025-09-15T\(hour):59:00Z")!, hours: 1, keepRuns: keep,
      forgetAfterDays: 90)
  }

  func testTwoRunsCountTwoAndKeepRecentCounts() {
    var h = merged(History(), [sighting("a000000000000001", 5, at: 12)], hour: 12)
    h = merged(h, [sighting("a000000000000001", 7), sighting("b000000000000001", 1)], hour: 13)
    let a = h.entries["a000000000000001"]!
    XCTAssertEqual(h.lastRun, 2)
    XCTAssertEqual(a.runsSeen, 2)
    XCTAssertEqual(a.firstSeen, "2025-09-15T12:05:00Z")
    XCTAssertEqual(a.lastSeen, "2025-09-15T13:55:00Z")
    XCTAssertEqual(a.recent.map(\.count), [5, 7])
    XCTAssertEqual(h.entries["b000000000000001"]?.runsSeen, 1)
  }

  func testRecentCountsAreCapped() {
    var h = History()
    for hour in 10...15 {
      h = merged(h, [sighting("a000000000000001", hour, at: hour)], hour: hour, keep: 3)
    }
    XCTAssertEqual(h.runs.map(\.run), [4, 5, 6])
    XCTAssertEqual(h.entries["a000000000000001"]?.recent.map(\.count), [13, 14, 15])
    XCTAssertEqual(h.entries["a000000000000001"]?.runsSeen, 6)
  }

  func testAnAliasFoldsTheOldEntryIntoTheNewFingerprint() {
    var h = merged(History(), [sighting("a000000000000001", 5, at: 12)], hour: 12)
    h = merged(h, [sighting("c000000000000001", 3, signatures: ["a000000000000001"])], hour: 13)
    XCTAssertNil(h.entries["a000000000000001"])
    let c = h.entries["c000000000000001"]!
    XCTAssertEqual(c.runsSeen, 2)
    XCTAssertEqual(c.aliases, ["a000000000000001"])
    XCTAssertEqual(c.firstSeen, "2025-09-15T12:05:00Z")
    XCTAssertEqual(h.key(for: "zzz", signatures: ["a000000000000001"]), "c000000000000001")
  }

  func testOldFingerprintsAreForgotten() {
    var h = merged(History(), [sighting("a000000000000001", 5, at: 12)], hour: 12)
    h = h.merging(
      run: [], now: Timestamp(rfc3339: "2026-01-15T00:00:00Z")!, hours: 1, keepRuns: 24,
      forgetAfterDays: 90)
    XCTAssertTrue(h.entries.isEmpty)
  }

  func testJSONRoundTripIsStable() throws {
    var h = merged(
      History(), [sighting("b000000000000001", 2), sighting("a000000000000001", 5)], hour: 13)
    h = merged(h, [sighting("a000000000000001", 1, at: 14)], hour: 14)
    let text = JSONWriter.string(h.json)
    let back = try History(json: JSONReader.parse(text))
    XCTAssertEqual(back, h)
    XCTAssertEqual(JSONWriter.string(back.json), text)
    XCTAssertTrue(
      text.hasPrefix(
        #"{"version":1,"last_run":2,"runs":[{"run":1,"now":"2025-09-15T13:59:00Z","hours":1}"#),
      text)
  }

  func testStoreReadsMissingAsNewAndCorruptAsDataError() throws {
    let dir = try Paths.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let store = HistoryStore(path: dir.appendingPathComponent("h.json").path)
    XCTAssertNil(try store.read())
    try Data("{\"version\":1,\"last_run\":".utf8).write(to: URL(fileURLWithPath: store.path))
    XCTAssertThrowsError(try store.read()) { e in
      let s = e as? StageError
      XCTAssertEqual(s?.status, .dataError)
      XCTAssertTrue(s?.message.contains("the history file is corrupt") ?? false, "\(e)")
      XCTAssertTrue(s?.message.contains("--reset-history") ?? false, "\(e)")
    }
    try Data(#"{"version":1,"last_run":0,"runs":[],"fingerprints":{"x":{"runs_seen":"two"}}}"#.utf8)
      .write(
        to: URL(fileURLWithPath: store.path))
    XCTAssertThrowsError(try store.read()) { e in
      XCTAssertTrue("\(e)".contains("fingerprints.x needs \"runs_seen\""), "\(e)")
    }
  }

  func testFailureBetweenTempWriteAndRenameKeepsThePreviousHistory() throws {
    let dir = try Paths.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    var store = HistoryStore(path: dir.appendingPathComponent("h.json").path)
    let first = merged(History(), [sighting("a000000000000001", 5)], hour: 13)
    try store.write(first)
    let before = try Data(contentsOf: URL(fileURLWithPath: store.path))

    struct Injected: Error {}
    store.beforeRename = { throw Injected() }
    XCTAssertThrowsError(
      try store.write(merged(first, [sighting("a000000000000001", 9)], hour: 14)))
    XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: store.path)), before)
    XCTAssertEqual(try store.read(), first)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter {
      $0 != "h.json"
    }
    XCTAssertEqual(leftovers, [], "the temporary file is removed")
  }

  func testRacingRunsUnderTheLockLoseNothing() throws {
    let dir = try Paths.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("h.json").path
    let group = DispatchGroup()
    let errors = ErrorBox()
    for i in 0..<8 {
      group.enter()
      DispatchQueue.global().async {
        defer { group.leave() }
        do {
          let store = HistoryStore(path: path, lockTimeout: 30)
          try store.withLock {
            let h = try store.read() ?? History()
            usleep(2_000)  // widen the window a lost update would need
            try store.write(
              h.merging(
                run: [self.sighting("a000000000000001", i + 1)],
                now: Timestamp(rfc3339: "2025-09-15T14:00:00Z")!,
                hours: 1, keepRuns: 24, forgetAfterDays: 90))
          }
        } catch { errors.add(error) }
      }
    }
    group.wait()
    XCTAssertEqual(errors.all.count, 0, "\(errors.all)")
    let h = try HistoryStore(path: path).read()!
    XCTAssertEqual(h.lastRun, 8)
    XCTAssertEqual(h.entries["a000000000000001"]?.runsSeen, 8)
    XCTAssertEqual(h.entries["a000000000000001"]?.recent.map(\.count).reduce(0, +), 36)
  }

  func testLockTimeoutIsTempFail() throws {
    let dir = try Paths.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("h.json").path
    let holder = HistoryStore(path: path)
    try holder.withLock {
      let waiter = HistoryStore(path: path, lockTimeout: 0.1)
      XCTAssertThrowsError(try waiter.withLock {}) { e in
        XCTAssertEqual((e as? StageError)?.status, .tempFail)
      }
    }
  }
}

final class ErrorBox: @unchecked Sendable {
  private let lock = NSLock()
  private var errors: [Error] = []
  func add(_ e: Error) { lock.withLock { errors.append(e) } }
  var all: [Error] { lock.withLock { errors } }
}
