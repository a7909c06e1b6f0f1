// C13 (shared/data/cases/C13.expect.md): the duplicate search must look past the first page. The fake
// gh cuts `issue list` to --limit (default 30) like the real one; #7 is the 121st issue.
import Foundation
import GardenKit
import XCTest

@testable import GardenIssues

final class C13Tests: XCTestCase {
  /// The C13 cluster, built by hand from C13.input (3 events, UUIDs masked into one cluster).
  func c13Cluster(_ cases: String) throws -> JSONObject {
    let input = try String(contentsOfFile: cases + "/C13.input", encoding: .utf8)
    let lines = input.split(separator: "\n")
    XCTAssertEqual(lines.count, 3)
    let first = try XCTUnwrap(JSONReader.parse(String(lines[0])).object)
    return Fixture.cluster(
      fingerprint: "c13a5e0b7d2f4410",
      title: "SubmissionSyncError: upstream returned 502 while syncing submission <*>",
      template: "SubmissionSyncError: upstream returned <*> while syncing submission <*>",
      errorType: "SubmissionSyncError",
      errorValue: "upstream returned 502 while syncing submission <*>",
      frames: [
        Frame(file: "/srv/sync/worker.py", line: 88, function: "push_submission"),
        Frame(file: "/srv/sync/client.py", line: 40, function: "raise_for_status"),
      ], service: "sync-worker", loggers: ["sync.worker"], count: 3,
      first: "2024-09-03T08:01:12.004Z", last: "2024-09-03T08:19:12.004Z", priority: "P2",
      message: first["message"]?.string, keywords: ["SubmissionSyncError", "push_submission"])
  }

  func setUpCase() throws -> (cases: String, dir: String, input: String, state: String, log: String)
  {
    guard let cases = Fixture.casesDir else {
      throw XCTSkip("../shared/data/cases is not beside the checkout: C13 did not run")
    }
    let dir = Fixture.tempDir()
    let input = Fixture.stream([try c13Cluster(cases)], in: dir)
    let issues = try XCTUnwrap(
      JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: cases + "/C13.existing-issues.json")))
        as? [[String: Any]])
    XCTAssertEqual(issues.count, 121)
    return (cases, dir, input, Fixture.writeState(dir, issues: issues), dir + "/gh.log")
  }

  func assertLinksSeven(_ r: Fixture.RunResult, file: StaticString = #filePath, line: UInt = #line)
  {
    let d = r.decisions.first
    let names7 = d?.number == 7 || (d?.related.contains { $0.number == 7 } ?? false)
    XCTAssertTrue(
      names7, "decision does not name #7: \(String(describing: d))", file: file, line: line)
    if d?.action == "create" {
      let body = r.clusters.first?["issue_body"]?.string ?? ""
      XCTAssertTrue(
        body.contains("#7"), "a create must name #7 in its body", file: file, line: line)
    }
  }

  func testLookupCoversAllPagesThroughGhAPI() throws {
    let c = try setUpCase()
    let env = ["FAKE_GH_STATE": c.state, "FAKE_GH_LOG": c.log]
    let r = Fixture.run(["--repo", "demo-org/demo-repo", c.input], env: env)
    XCTAssertEqual(r.status, 0, r.stderr)
    assertLinksSeven(r)
    XCTAssertEqual(r.decisions.first?.action, "update")
    XCTAssertEqual(r.decisions.first?.matchedBy, "similarity")
    let listing = r.meta?["listing"]?.object
    XCTAssertEqual(listing?["issues_considered"]?.int, 121)
    XCTAssertEqual(listing?["complete"]?.bool, true)
    let calls = Fixture.ghCalls(c.log)
    let lookups = calls.filter { $0.first == "api" || $0.prefix(2) == ["issue", "list"] }
    XCTAssertFalse(lookups.isEmpty)
    for call in lookups {
      let paged = call.contains("--paginate")
      let limit = call.firstIndex(of: "--limit").flatMap { Int(call[$0 + 1]) } ?? 30
      XCTAssertTrue(paged || limit >= 121, "lookup covers < 121 issues: \(call)")
    }
    // Dry run: nothing written.
    XCTAssertFalse(
      calls.contains {
        ["create", "comment", "reopen", "edit"].contains($0.dropFirst().first ?? "")
      })
  }

  func testFallbackToIssueListOnOldGhWithoutStateReason() throws {
    let c = try setUpCase()
    let env = [
      "FAKE_GH_STATE": c.state, "FAKE_GH_LOG": c.log, "FAKE_GH_NO_API": "1",
      "FAKE_GH_VERSION": "2.23.0",
    ]
    let r = Fixture.run(["--repo", "demo-org/demo-repo", c.input], env: env)
    XCTAssertEqual(r.status, 0, r.stderr)
    assertLinksSeven(r)
    let calls = Fixture.ghCalls(c.log).filter { $0.prefix(2) == ["issue", "list"] }
    XCTAssertEqual(calls.count, 2, "first with stateReason, then without")
    XCTAssertTrue(calls.last?.contains { $0.contains("stateReason") } == false)
    for call in calls {
      let limit = call.firstIndex(of: "--limit").flatMap { Int(call[$0 + 1]) } ?? 30
      XCTAssertGreaterThanOrEqual(limit, 121)
    }
    XCTAssertEqual(r.meta?["listing"]?.object?["state_reason_known"]?.bool, false)
  }

  func testListingCutAtItsLimitIsIncompleteAndWritesNothing() throws {
    let c = try setUpCase()
    let ledger = c.dir + "/ledger.json"
    let env = ["FAKE_GH_STATE": c.state, "FAKE_GH_LOG": c.log, "FAKE_GH_NO_API": "1"]
    let r = Fixture.run(
      [
        "--repo", "demo-org/demo-repo", "--list-limit", "100", "--apply", "--ledger", ledger,
        "--pause-ms", "0", c.input,
      ],
      env: env)
    XCTAssertEqual(r.status, 3, r.stderr)
    XCTAssertEqual(r.meta?["listing"]?.object?["complete"]?.bool, false)
    XCTAssertEqual(r.meta?["complete"]?.bool, false)
    XCTAssertFalse(r.meta?["warnings"]?.array?.isEmpty ?? true)
    let writes = Fixture.ghCalls(c.log).filter {
      ["create", "comment", "reopen", "edit"].contains($0.dropFirst().first ?? "")
        || $0.first == "label"
    }
    XCTAssertEqual(writes, [], "no write may follow a cut-off listing")
    XCTAssertEqual(r.decisions.first?.applied, "skipped")
    XCTAssertEqual(Fixture.stateIssues(c.state).count, 121)
  }

  func testIssuesFileFormAndRerunCreatesNothingNew() throws {
    let c = try setUpCase()
    let file = c.cases + "/C13.existing-issues.json"
    let r1 = Fixture.run(["--issues-file", file, c.input])
    XCTAssertEqual(r1.status, 0, r1.stderr)
    assertLinksSeven(r1)
    // Apply the plan against the fake repository, then run again: nothing new is created or posted.
    let ledger = c.dir + "/ledger.json"
    let env = ["FAKE_GH_STATE": c.state, "FAKE_GH_LOG": c.log]
    let args = [
      "--repo", "demo-org/demo-repo", "--apply", "--ledger", ledger, "--pause-ms", "0", c.input,
    ]
    let a1 = Fixture.run(args, env: env)
    XCTAssertEqual(a1.status, 0, a1.stderr)
    XCTAssertEqual(a1.decisions.first?.applied, "done")
    XCTAssertEqual(Fixture.stateComments(c.state)["7"]?.count, 1)
    let a2 = Fixture.run(args, env: env)
    XCTAssertEqual(a2.status, 0, a2.stderr)
    XCTAssertEqual(Fixture.stateIssues(c.state).count, 121, "no new issue")
    XCTAssertEqual(Fixture.stateComments(c.state)["7"]?.count, 1, "no second comment")
    XCTAssertNotEqual(a2.decisions.first?.action, "create")
    XCTAssertEqual(a2.decisions.first?.number, 7)
  }

  func testFileWithExactlyThirtyIssuesIsTreatedAsCutOff() throws {
    let c = try setUpCase()
    let all = try XCTUnwrap(
      JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: c.cases + "/C13.existing-issues.json")))
        as? [Any])
    let path = c.dir + "/thirty.json"
    try JSONSerialization.data(withJSONObject: Array(all.prefix(30))).write(
      to: URL(fileURLWithPath: path))
    let r = Fixture.run(["--issues-file", path, c.input])
    XCTAssertEqual(r.status, 3, r.stderr)
    XCTAssertEqual(r.meta?["listing"]?.object?["complete"]?.bool, false)
    let ok = Fixture.run(["--issues-file", path, "--list-limit", "1000", c.input])
    XCTAssertEqual(ok.status, 0, ok.stderr)
  }
}
