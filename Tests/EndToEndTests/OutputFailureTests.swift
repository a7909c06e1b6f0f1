// Output that cannot be written is status 74 and a message naming what failed, never a quiet 0: the
// help text written to a full disk, and a --rejects file whose reader went away (found by a trial run:
// `garden-parse --rejects >(head -c 10) bad.ndjson` stopped with status 0 and wrote no record at all).
import Foundation
import XCTest

final class OutputFailureTests: XCTestCase {
  static let stages = ["parse", "cluster", "score", "issues", "render"]

  func testHelpAndVersionToAFullDiskExit74() throws {
    for stage in Self.stages {
      for option in ["--help", "--version"] {
        let r = try Harness.sh("garden-\(stage) \(option) > /dev/full")
        XCTAssertEqual(r.status, 74, "garden-\(stage) \(option): \(r.stderr)")
        XCTAssertTrue(
          r.stderr.contains("garden-\(stage): cannot write output: No space left on device"),
          r.stderr)
      }
      // A closed pipe is still not an error.
      let piped = try Harness.sh(
        "garden-\(stage) --help | head -1 > /dev/null; echo ${PIPESTATUS[0]}")
      XCTAssertEqual(piped.stdout, "0\n", "garden-\(stage) --help | head -1: \(piped.stderr)")
    }
  }

  func testRejectsFileClosedByItsReaderIsAnIOErrorNotAQuietSuccess() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "garden-rejects-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    // Enough rejected lines to fill a pipe buffer many times over.
    let bad = dir.appendingPathComponent("bad.ndjson").path
    try Data(String(repeating: "{\"broken\n", count: 50_000).utf8).write(
      to: URL(fileURLWithPath: bad))
    for stage in ["parse", "cluster", "score", "issues --issues-file examples/issues.json"] {
      let r = try Harness.sh(
        "garden-\(stage) --rejects >(head -c 10 > /dev/null) '\(bad)' > /dev/null")
      XCTAssertEqual(r.status, 74, "garden-\(stage): \(r.stderr)")
      XCTAssertTrue(r.stderr.contains("cannot write rejects"), "garden-\(stage): \(r.stderr)")
    }
    let full = try Harness.sh("garden-parse --rejects /dev/full '\(bad)' > /dev/null")
    XCTAssertEqual(full.status, 74, full.stderr)
    XCTAssertTrue(
      full.stderr.contains("/dev/full: cannot write rejects: No space left on device"), full.stderr)
  }
}
