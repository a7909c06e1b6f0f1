// pipeline.sh against the real gcloud CLI and a fake Logging API on 127.0.0.1 (issue #8):
// Tests/Scripts/pipeline-gcloud.sh holds the cases; this runs it inside `swift test`.
import Foundation
import XCTest

final class PipelineGcloudTests: XCTestCase {
  func testPipelineWithRealGcloudAgainstFakeLoggingAPI() throws {
    let r = try Harness.sh(
      "bash Tests/Scripts/pipeline-gcloud.sh", env: ["GARDEN_BIN": Harness.binDir.path])
    if r.status == 77 { throw XCTSkip("gcloud is not installed: \(r.stderr)") }
    XCTAssertEqual(r.status, 0, r.stderr + r.stdout)
    XCTAssertTrue(r.stdout.contains(" passed, 0 failed"), r.stdout)
  }
}
