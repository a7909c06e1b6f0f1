// Output that cannot be written is status 74 and a message naming what failed, never a quiet 0.
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
}
