// garden-parse's events given straight to garden-issues: the warning must name the stage that feeds
// garden-issues (garden-score), not garden-cluster, whose unscored output would not help either.
import Foundation
import XCTest

final class UpstreamHintTests: XCTestCase {
  func testEventsWithoutClustersNameGardenScoreAsTheStageToRunFirst() throws {
    let dir = Fixture.tempDir()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let input = dir + "/events.ndjson"
    let text =
      [
        #"{"kind":"event","ts":"2025-09-15T13:00:00Z","severity":"ERROR","message":"boom"}"#,
        #"{"kind":"meta","schema":"1.0","stage":"parse","complete":true,"counts":{},"warnings":[]}"#,
      ].joined(separator: "\n") + "\n"
    _ = FileManager.default.createFile(atPath: input, contents: Data(text.utf8))
    let issues = dir + "/issues.json"
    _ = FileManager.default.createFile(atPath: issues, contents: Data("[]".utf8))
    let r = Fixture.run(["--issues-file", issues, input])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertTrue(
      r.stderr.contains(
        "garden-issues reads garden-score's output (garden-parse … | garden-cluster | garden-score | garden-issues)"
      ), r.stderr)
  }
}
