// Input and options that cannot do what the user meant: another stage's output given to
// garden-issues (the warning names the stage to run first), empty label names, a broken issues
// file.
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

  /// garden-cluster's output given straight to garden-issues: nothing has a priority, so nothing
  /// is filed; the run must say why instead of looking like a quiet hour.
  func testUnscoredClustersAreNamedInAWarning() throws {
    let dir = Fixture.tempDir()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let c = Fixture.cluster(
      fingerprint: "abcd000000000001", title: "KeyError in handler", template: "KeyError",
      priority: nil)
    let input = Fixture.stream([c], in: dir)
    let issues = dir + "/issues.json"
    _ = FileManager.default.createFile(atPath: issues, contents: Data("[]".utf8))
    let r = Fixture.run(["--issues-file", issues, input])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertTrue(r.stderr.contains("none of the 1 cluster records has a priority"), r.stderr)
    XCTAssertTrue(
      r.meta?["warnings"]?.array?.contains { $0.string?.contains("garden-score") == true } == true)
    // Scored input says nothing of the kind.
    let scored = Fixture.stream(
      [Fixture.cluster(fingerprint: "abcd000000000002", title: "x", template: "x")], in: dir,
      name: "s.ndjson")
    let ok = Fixture.run(["--issues-file", issues, scored])
    XCTAssertFalse(ok.stderr.contains("has a priority"), ok.stderr)
  }

  /// `--label "$LABEL"` with the variable unset is a usage error, not `gh label create ""`.
  func testEmptyLabelIsAUsageError() throws {
    for args in [["--label", ""], ["--muted-label", " "]] {
      let r = Fixture.run(["--issues-file", "examples/issues.json"] + args + ["/dev/null"])
      XCTAssertEqual(r.status, 64, "\(args): \(r.stderr)")
      XCTAssertTrue(r.stderr.contains("needs a label name"), r.stderr)
    }
  }

  /// A broken issues file is named as given, with the byte counted from 1 like every other stage.
  func testBrokenIssuesFileIsNamedAsGivenWithAOneBasedByte() throws {
    let dir = Fixture.tempDir()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let issues = dir + "/issues.json"
    _ = FileManager.default.createFile(atPath: issues, contents: Data("x[]".utf8))
    let r = Fixture.run(["--issues-file", issues, "/dev/null"])
    XCTAssertEqual(r.status, 65, r.stderr)
    XCTAssertTrue(
      r.stderr.hasPrefix("garden-issues: \(issues): not a JSON issue listing: "), r.stderr)
    XCTAssertTrue(r.stderr.contains("at byte 1\n"), r.stderr)
  }

  /// A file with entries and no issue among them (a log export given by mistake) is refused: read
  /// as an empty tracker, every cluster would be filed again.
  func testIssuesFileWithoutAnyIssueIsRefused() throws {
    let dir = Fixture.tempDir()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let issues = dir + "/export.json"
    _ = FileManager.default.createFile(
      atPath: issues, contents: Data(#"[{"insertId":"a","textPayload":"x"},5]"#.utf8))
    let r = Fixture.run(["--issues-file", issues, "/dev/null"])
    XCTAssertEqual(r.status, 65, r.stderr)
    XCTAssertTrue(r.stderr.contains("not an issue listing: none of its 2 entries"), r.stderr)
    // `[]` is a repository without issues, and stays fine.
    _ = FileManager.default.createFile(atPath: issues, contents: Data("[]".utf8))
    XCTAssertNotEqual(Fixture.run(["--issues-file", issues, "/dev/null"]).status, 65)
  }
}
