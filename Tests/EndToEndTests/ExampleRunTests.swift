// The built executables in a real pipe on the bundled example and on real exports (issue #2).
import Foundation
import XCTest

final class ExampleRunTests: XCTestCase {
  static let chain =
    "garden-parse examples/staging-export.json | garden-cluster | garden-score | garden-issues --issues-file examples/issues.json"

  func clusters(_ command: String) throws -> [[String: Any]] {
    let r = try Harness.sh(command)
    XCTAssertEqual(r.status, 0, r.stderr)
    return Harness.records(r.stdout).filter { $0["kind"] as? String == "cluster" }
  }

  func title(_ c: [String: Any]) -> String { c["title"] as? String ?? "" }
  func issue(_ c: [String: Any]) -> [String: Any] { c["issue"] as? [String: Any] ?? [:] }

  func testExampleClustersAndDecisions() throws {
    let all = try clusters(Self.chain)
    XCTAssertFalse(all.isEmpty)

    // The startup failure comes first, at P0.
    let first = try XCTUnwrap(all.first)
    XCTAssertEqual(first["priority"] as? String, "P0", title(first))
    XCTAssertTrue(title(first).contains("llm_manager"), title(first))

    // The TypeError traceback is one cluster (not one per line) and reopens the closed issue.
    let typeErrors = all.filter { ($0["error_type"] as? String) == "TypeError" }
    XCTAssertEqual(typeErrors.count, 1)
    XCTAssertEqual(typeErrors.first?["count"] as? Int, 15)
    XCTAssertEqual(typeErrors.first.map(issue)?["action"] as? String, "reopen")
    XCTAssertEqual(typeErrors.first.map(issue)?["number"] as? Int, 54)

    // The INFO initializations are one healthy cluster over three revisions, with no action.
    let inits = all.filter { title($0).hasPrefix("LLM Manager initialized") }
    XCTAssertEqual(inits.count, 1)
    XCTAssertEqual((inits.first?["revisions"] as? [String])?.count, 3)
    XCTAssertNil(inits.first?["priority"] as? String)
    XCTAssertEqual(inits.first.map(issue)?["action"] as? String, "none")
    XCTAssertFalse((inits.first.map(issue)?["reason"] as? String ?? "").isEmpty)

    // The database timeouts are one cluster despite their durations, and update the open issue.
    let timeouts = all.filter { title($0).contains("Database query timed out") }
    XCTAssertEqual(timeouts.count, 1)
    XCTAssertEqual(timeouts.first?["count"] as? Int, 30)
    XCTAssertEqual(timeouts.first.map(issue)?["action"] as? String, "update")
    XCTAssertEqual(timeouts.first.map(issue)?["number"] as? Int, 57)

    // Exactly one update and one reopen; other error clusters are created.
    let actions = all.map { issue($0)["action"] as? String ?? "" }
    XCTAssertEqual(actions.filter { $0 == "update" }.count, 1)
    XCTAssertEqual(actions.filter { $0 == "reopen" }.count, 1)
    XCTAssertGreaterThan(actions.filter { $0 == "create" }.count, 0)

    // The traceback split over several entries is stitched: no cluster is named after a fragment.
    for c in all {
      let t = title(c)
      XCTAssertFalse(t.hasPrefix("Traceback") || t.hasPrefix("File \"") || t.hasPrefix("File "), t)
    }
    XCTAssertEqual(all.filter { ($0["error_type"] as? String) == "KeyError" }.count, 1)
  }

  func testPipelineWritesTheSameWorklogAsTheManualChain() throws {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent(
      "garden-out-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: out) }
    let run = try Harness.sh("./pipeline.sh --bin '\(Harness.binDir.path)' --out '\(out.path)'")
    XCTAssertEqual(run.status, 0, run.stderr)
    let path = run.stdout.split(separator: "\n").last.map(String.init) ?? ""
    XCTAssertTrue(path.contains("GCP-LOG-GARDENER-WORKLOG-1h-"), path)
    let worklog = try String(contentsOfFile: path, encoding: .utf8)
    let manual = try Harness.sh(Self.chain + " | garden-render")
    XCTAssertEqual(manual.status, 0, manual.stderr)
    XCTAssertEqual(worklog, manual.stdout)
    // The P0 cause is on the first screen.
    let firstScreen = worklog.split(separator: "\n", omittingEmptySubsequences: false).prefix(40)
      .joined(separator: "\n")
    XCTAssertTrue(firstScreen.contains("P0"), firstScreen)
    XCTAssertTrue(firstScreen.contains("llm_manager"), firstScreen)
  }

  /// Bad values are refused by pipeline.sh itself, in one line that points at its own --help,
  /// before anything runs (a stage's usage text pointed at the stage's --help).
  func testPipelineRefusesBadValuesInOneLine() throws {
    for (args, needle) in [
      ("--min-severity BOGUS", "--min-severity needs a Cloud Logging severity"),
      ("--limit ten", "--limit needs a whole number"),
      ("--window 5x", "--window must look like"),
    ] {
      let run = try Harness.sh("./pipeline.sh --bin '\(Harness.binDir.path)' \(args)")
      XCTAssertEqual(run.status, 64, "\(args): \(run.stderr)")
      XCTAssertEqual(run.stderr.split(separator: "\n").count, 1, run.stderr)
      XCTAssertTrue(run.stderr.contains(needle), run.stderr)
      XCTAssertEqual(run.stdout, "")
    }
  }

  func testRealDumpScheduler500s() throws {
    guard Harness.shared != nil else { throw XCTSkip("../shared is not beside the checkout") }
    let all = try clusters(
      "garden-parse ../shared/data/real-dumps/03_telegram-signals-scheduler-500s.json | garden-cluster | garden-score"
    )
    let titles = all.map(title)
    XCTAssertTrue(titles.contains { $0.contains("POST /run_signal_generation → 500") }, "\(titles)")
    XCTAssertTrue(
      titles.contains { $0.contains("URL_UNREACHABLE") || $0.contains("AttemptFinished") },
      "\(titles)")
    XCTAssertTrue(
      all.allSatisfy { $0["priority"] as? String != nil }, "every cluster of 03 is an error")
    let worklog = try Harness.sh(
      "garden-parse ../shared/data/real-dumps/03_telegram-signals-scheduler-500s.json | garden-cluster | garden-score | garden-issues --issues-file <(echo []) | garden-render"
    )
    XCTAssertTrue(worklog.stdout.contains("run_signal_generation"), worklog.stderr)
  }

  func testRealDumpLibraryWarningIsOneCluster() throws {
    guard Harness.shared != nil else { throw XCTSkip("../shared is not beside the checkout") }
    let all = try clusters(
      "garden-parse ../shared/data/real-dumps/04_telegram-signals-cf2-python-run.json | garden-cluster | garden-score"
    )
    let talib = all.filter { title($0).contains("TA-Lib") }
    XCTAssertEqual(talib.count, 1, "\(talib.map(title))")
    XCTAssertEqual(talib.first?["count"] as? Int, 120)
  }

  func testJqCanReplaceAStage() throws {
    guard (try? Harness.sh("command -v jq"))?.status == 0 else {
      throw XCTSkip("jq is not installed")
    }
    let script = FileManager.default.temporaryDirectory.appendingPathComponent(
      "my-score-\(UUID().uuidString).sh")
    defer { try? FileManager.default.removeItem(at: script) }
    // The two lines of docs/replace-a-stage.md.
    try """
    jq -c 'if .kind == "cluster" then . + (if (.severity_counts | has("ERROR") or has("CRITICAL")) then {priority:"P2", reasons:["jq rule: errors are P2"]} else {priority:null, reasons:["jq rule: no errors"]} end) else . end'
    echo '{"kind":"meta","schema":"1.0","stage":"jq-score","complete":true,"counts":{},"warnings":[]}'
    """.write(to: script, atomically: true, encoding: .utf8)
    let r = try Harness.sh(
      "garden-parse examples/staging-export.json | garden-cluster | sh '\(script.path)' | garden-issues --issues-file examples/issues.json | garden-render"
    )
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertTrue(r.stdout.contains("jq rule: errors are P2"), String(r.stdout.prefix(2000)))
  }
}
