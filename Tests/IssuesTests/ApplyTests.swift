// --apply against the fake gh: the first run creates, comments and reopens as decided; a rerun adds
// nothing; a failed write followed by a rerun ends with exactly one issue per cluster; rate limits are
// retried; a held lock exits 75.
import Foundation
import GardenKit
import XCTest

@testable import GardenIssues

#if canImport(Glibc)
  import Glibc
#endif

final class ApplyTests: XCTestCase {
  static let dbBody =
    "Queries on `conversations` keep hitting the 30 s statement timeout on staging.\r\n\r\n```\r\nDatabase query timed out after 30.0s on table conversations (pool db-pool-2, attempt 3/3)\r\n```\r\n\r\n- [ ] restore the index"
  static let typeErrorBody =
    "Every few minutes staging logs this:\n\n```\nException in callback SessionManager._cleanup_callback('req_1757512204518_311_0c9d2e77')\nTraceback (most recent call last):\n  File \"/app/services/session_manager.py\", line 209, in _cleanup_callback\n    self._on_expire(request_id)\nTypeError: 'NoneType' object is not callable\n```\n\nFixed by #53."

  static var issues: [[String: Any]] {
    [
      Fixture.issue(
        57, "Database queries timing out on conversations table", dbBody,
        labels: ["bug", "database"]),
      Fixture.issue(
        54, "TypeError: 'NoneType' object is not callable in SessionManager._cleanup_callback",
        typeErrorBody,
        state: "CLOSED", reason: "COMPLETED", labels: ["bug"], closedAt: "2025-09-11T16:42:07Z"),
      Fixture.issue(
        50, "Export conversations as PDF", "It would be nice to download a conversation as a PDF.",
        state: "CLOSED",
        reason: "NOT_PLANNED", closedAt: "2025-09-02T10:05:19Z"),
      Fixture.issue(
        58, "Chat sidebar keeps the old title after renaming a conversation",
        "The sidebar still shows the old title."),
    ]
  }

  static var clusters: [JSONObject] {
    [
      Fixture.cluster(
        fingerprint: "db00000000000001",
        title: "Database query timed out after <*>s on table conversations",
        template:
          "Database query timed out after <*>s on table conversations (pool <*>, attempt <*>)",
        loggers: ["app.db.pool"], count: 30, severity: .error, priority: "P1",
        message:
          "Database query timed out after 30.2s on table conversations (pool db-pool-1, attempt 3/3)"
      ),
      Fixture.cluster(
        fingerprint: "te00000000000002",
        title: "TypeError: 'NoneType' object is not callable in _cleanup_callback",
        template:
          "Exception in callback SessionManager._cleanup_callback(<*>) TypeError: 'NoneType' object is not callable",
        errorType: "TypeError", errorValue: "'NoneType' object is not callable",
        frames: [
          Frame(
            file: "/usr/local/lib/python3.11/asyncio/events.py", line: 84, function: "_run",
            inApp: false),
          Frame(file: "/app/services/session_manager.py", line: 212, function: "_cleanup_callback"),
        ], count: 15, priority: "P2"),
      Fixture.cluster(
        fingerprint: "ke00000000000003",
        title: "KeyError: 'conversation_id' in _resolve_conversation",
        template: "KeyError: 'conversation_id'", errorType: "KeyError",
        errorValue: "'conversation_id'",
        frames: [Frame(file: "/app/api/chat.py", line: 131, function: "_resolve_conversation")],
        count: 3, priority: "P2"),
      Fixture.cluster(
        fingerprint: "oo00000000000004", title: "Memory limit of <*> MiB exceeded",
        template:
          "Memory limit of <*> MiB exceeded with <*> MiB used. Consider increasing the memory limit",
        loggers: ["varlog/system"], count: 1, priority: "P1"),
      Fixture.cluster(
        fingerprint: "in00000000000005", title: "LLM Manager initialized with <*> providers",
        template: "LLM Manager initialized with <*> providers in <*>ms", count: 10, severity: .info,
        priority: nil),
    ]
  }

  /// `garden-issues --apply` on `input` against the fake gh holding `Self.issues`, with a ledger
  /// in `dir`; returns the run, the fake's state file and its call log.
  func apply(_ input: String, in dir: String) -> (Fixture.RunResult, state: String, log: String) {
    let state = Fixture.writeState(dir, issues: Self.issues)
    let log = dir + "/gh.log"
    let r = Fixture.run(
      [
        "--repo", "acme/llm-backend", "--apply", "--ledger", dir + "/ledger.json", "--pause-ms",
        "0", input,
      ], env: env(state, log))
    return (r, state, log)
  }

  func env(_ state: String, _ log: String, _ extra: [String: String] = [:]) -> [String: String] {
    ["FAKE_GH_STATE": state, "FAKE_GH_LOG": log].merging(extra) { $1 }
  }

  func testFirstApplyDoesWhatWasDecidedAndSecondRunAddsNothing() throws {
    let dir = Fixture.tempDir()
    let input = Fixture.stream(Self.clusters, in: dir)
    let state = Fixture.writeState(dir, issues: Self.issues)
    let log = dir + "/gh.log"
    let ledger = dir + "/ledger.json"
    let args = [
      "--repo", "acme/llm-backend", "--apply", "--ledger", ledger, "--pause-ms", "0", input,
    ]

    let dry = Fixture.run(["--repo", "acme/llm-backend", input], env: env(state, log))
    XCTAssertEqual(dry.status, 0, dry.stderr)
    XCTAssertEqual(dry.decisions.map(\.action), ["update", "reopen", "create", "create", "none"])
    XCTAssertTrue(dry.stderr.contains("would run: gh issue create"), dry.stderr)
    XCTAssertEqual(Fixture.stateIssues(state).count, 4, "a dry run writes nothing")

    let r1 = Fixture.run(args, env: env(state, log))
    XCTAssertEqual(r1.status, 0, r1.stderr)
    XCTAssertEqual(r1.decisions.map(\.action), ["update", "reopen", "create", "create", "none"])
    XCTAssertEqual(r1.decisions.map(\.applied), ["done", "done", "done", "done", nil])
    XCTAssertEqual(r1.decisions[0].number, 57)
    XCTAssertEqual(r1.decisions[1].number, 54)
    XCTAssertEqual(
      r1.decisions[1].title, Self.issues[1]["title"] as? String, "a person's title is kept")
    let issues = Fixture.stateIssues(state)
    XCTAssertEqual(issues.count, 6)
    let created = issues.filter { ($0["number"] as? Int ?? 0) > 58 }
    XCTAssertEqual(
      created.map { $0["title"] as? String ?? "" }.sorted(),
      [
        "GCP-new | P1 | Memory limit of … MiB exceeded",
        "GCP-new | P2 | KeyError: 'conversation_id' in _resolve_conversation",
      ])
    for i in created {
      let labels = (i["labels"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
      XCTAssertTrue(labels.contains("log-gardener"), "\(labels)")
      XCTAssertNotNil(Marker.issueMarker(in: i["body"] as? String ?? ""))
    }
    XCTAssertEqual((issues.first { $0["number"] as? Int == 54 })?["state"] as? String, "OPEN")
    let comments = Fixture.stateComments(state)
    XCTAssertEqual(comments["57"]?.count, 1)
    XCTAssertEqual(comments["54"]?.count, 1)
    XCTAssertTrue(comments["54"]?.first?.contains("Regression") ?? false)
    let labels = Fixture.readState(state)["labels"] as? [String] ?? []
    XCTAssertEqual(Set(labels), ["bug", "log-gardener", "P1", "P2"])
    XCTAssertEqual(r1.meta?["writes"]?.object?["done"]?.int, 5)

    let r2 = Fixture.run(args, env: env(state, log))
    XCTAssertEqual(r2.status, 0, r2.stderr)
    XCTAssertEqual(r2.decisions.map(\.action), ["none", "none", "none", "none", "none"], r2.stderr)
    let createdNumbers = Set(created.compactMap { $0["number"] as? Int })
    XCTAssertEqual(r2.decisions.prefix(2).map(\.number), [57, 54])
    XCTAssertEqual(Set(r2.decisions[2...3].compactMap(\.number)), createdNumbers)
    XCTAssertEqual(r2.decisions[2].matchedBy, "marker")
    XCTAssertEqual(Fixture.stateIssues(state).count, 6, "the rerun creates nothing")
    XCTAssertEqual(
      Fixture.stateComments(state).values.map(\.count).reduce(0, +), 2, "the rerun comments nothing"
    )
    XCTAssertEqual(r2.meta?["writes"]?.object?["done"]?.int, 0)
  }

  /// A truncated export: parse ends with its meta record but marks it `complete: false`. pipeline.sh
  /// promises no issue writes from a partial run, so --apply writes nothing and the stage exits 3.
  func testApplyWritesNothingWhenAnUpstreamStageMarkedItsOutputIncomplete() throws {
    let dir = Fixture.tempDir()
    var parse = Fixture.meta("parse", window: ("2025-09-15T13:00:00Z", "2025-09-15T14:00:00Z"))
    parse["complete"] = .bool(false)
    parse["warnings"] = .array([.string("logs.json is truncated")])
    var text = JSONWriter.string(.object(parse)) + "\n"
    for c in Self.clusters { text += JSONWriter.string(.object(c)) + "\n" }
    text += JSONWriter.string(.object(Fixture.meta("score"))) + "\n"
    let input = dir + "/in.ndjson"
    _ = FileManager.default.createFile(atPath: input, contents: Data(text.utf8))
    let (r, state, log) = apply(input, in: dir)
    XCTAssertEqual(r.status, 3, r.stderr)
    XCTAssertEqual(r.decisions.map(\.action), ["update", "reopen", "create", "create", "none"])
    XCTAssertEqual(r.decisions.map(\.applied), ["skipped", "skipped", "skipped", "skipped", nil])
    let writes = Fixture.ghCalls(log).filter {
      $0.first == "issue" && $0.count > 1 && $0[1] != "list" && $0[1] != "view"
    }
    XCTAssertEqual(writes, [], "no gh write on partial input")
    XCTAssertEqual(Fixture.stateIssues(state).count, 4)
    XCTAssertEqual(r.meta?["complete"], .bool(false))
    XCTAssertTrue(r.stderr.contains("the input is partial"), r.stderr)
  }

  /// A folder given where a file belongs (--issues-file, --ledger) is a wrong path: status 66 and
  /// a message that says so, as for garden-score's --config and --history; 74 means a failing disk.
  func testFolderWhereAFileBelongsIsNoInput() throws {
    let dir = Fixture.tempDir()
    let input = Fixture.stream(Self.clusters, in: dir)
    for args in [["--issues-file", dir], ["--repo", "acme/llm-backend", "--ledger", dir]] {
      let r = Fixture.run(args + [input])
      XCTAssertEqual(r.status, 66, "\(args): \(r.stderr)")
      XCTAssertTrue(r.stderr.contains("expected a file, found a folder"), r.stderr)
      XCTAssertEqual(r.stdout, "")
    }
  }

  /// The same when the stream itself was cut off (no closing meta record).
  func testApplyWritesNothingWhenTheStreamIsCutOff() throws {
    let dir = Fixture.tempDir()
    let full = Fixture.stream(Self.clusters, in: dir, name: "full.ndjson")
    let lines = try String(contentsOfFile: full, encoding: .utf8).split(separator: "\n").dropLast()
    let input = dir + "/cut.ndjson"
    _ = FileManager.default.createFile(
      atPath: input, contents: Data((lines.joined(separator: "\n") + "\n").utf8))
    let (r, state, _) = apply(input, in: dir)
    XCTAssertEqual(r.status, 3, r.stderr)
    XCTAssertEqual(r.decisions.compactMap(\.applied), ["skipped", "skipped", "skipped", "skipped"])
    XCTAssertEqual(Fixture.stateIssues(state).count, 4)
    XCTAssertEqual(Fixture.stateComments(state).values.map(\.count).reduce(0, +), 0)
  }

  /// Fingerprint → number of issues whose marker claims it.
  func issuesPerFingerprint(_ state: String) -> [String: Int] {
    var n: [String: Int] = [:]
    for i in Fixture.stateIssues(state) {
      if let m = Marker.issueMarker(in: i["body"] as? String ?? "") {
        n[m.fingerprint, default: 0] += 1
      }
    }
    return n
  }

  func testFailureHalfWayThenRerunEndsWithOneIssuePerCluster() throws {
    let dir = Fixture.tempDir()
    let clusters =
      Array(Self.clusters[2...3]) + [
        Fixture.cluster(
          fingerprint: "jw00000000000006", title: "JWT validation failed: token expired",
          template: "JWT validation failed for user <*> : token expired (request <*>)",
          loggers: ["app.auth"],
          count: 20, severity: .warning, priority: "P2")
      ]
    let input = Fixture.stream(clusters, in: dir)
    let state = Fixture.writeState(dir, issues: [])
    let log = dir + "/gh.log"
    let ledger = dir + "/ledger.json"
    let args = [
      "--repo", "acme/llm-backend", "--apply", "--ledger", ledger, "--pause-ms", "0", input,
    ]
    let r1 = Fixture.run(args, env: env(state, log, ["FAKE_GH_FAIL_WRITE": "2"]))
    XCTAssertEqual(r1.status, 74, r1.stderr)
    XCTAssertEqual(r1.decisions.map(\.applied), ["done", "failed", "done"])
    XCTAssertEqual(r1.meta?["writes"]?.object?["failed"]?.int, 1)
    XCTAssertEqual(issuesPerFingerprint(state).count, 2)
    let r2 = Fixture.run(args, env: env(state, log))
    XCTAssertEqual(r2.status, 0, r2.stderr)
    XCTAssertEqual(r2.decisions.map(\.action), ["none", "create", "none"], r2.stderr)
    XCTAssertEqual(
      issuesPerFingerprint(state),
      ["ke00000000000003": 1, "oo00000000000004": 1, "jw00000000000006": 1])
    // A crash that loses the ledger after gh succeeded: the markers alone prevent duplicates.
    try FileManager.default.removeItem(atPath: ledger)
    let r3 = Fixture.run(args, env: env(state, log))
    XCTAssertEqual(r3.status, 0, r3.stderr)
    XCTAssertEqual(r3.decisions.map(\.action), ["none", "none", "none"], r3.stderr)
    XCTAssertEqual(issuesPerFingerprint(state).values.sorted(), [1, 1, 1])
  }

  func testRateLimitIsRetriedWithBackOff() throws {
    let dir = Fixture.tempDir()
    let input = Fixture.stream([Self.clusters[2]], in: dir)
    let state = Fixture.writeState(dir, issues: [])
    let log = dir + "/gh.log"
    let r = Fixture.run(
      [
        "--repo", "acme/llm-backend", "--apply", "--ledger", dir + "/l.json", "--pause-ms", "0",
        "--backoff-ms", "0", input,
      ],
      env: env(state, log, ["FAKE_GH_RATE_LIMIT": "1"]))
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertEqual(r.decisions.first?.applied, "done")
    XCTAssertEqual(Fixture.ghCalls(log).filter { $0.prefix(2) == ["issue", "create"] }.count, 2)
    XCTAssertEqual(Fixture.stateIssues(state).count, 1)
  }

  func testCapsLimitCreatesPerRun() throws {
    let dir = Fixture.tempDir()
    let input = Fixture.stream(Array(Self.clusters[2...3]), in: dir)
    let state = Fixture.writeState(dir, issues: [])
    let r = Fixture.run(
      [
        "--repo", "acme/llm-backend", "--apply", "--ledger", dir + "/l.json", "--pause-ms", "0",
        "--max-creates", "1", input,
      ],
      env: env(state, dir + "/gh.log"))
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertEqual(r.decisions.map(\.applied), ["done", "skipped"])
    XCTAssertEqual(r.meta?["caps_hit"]?.array?.compactMap(\.string), ["max-creates"])
    XCTAssertEqual(Fixture.stateIssues(state).count, 1)
  }

  func testSecondRunWaitsForTheLockThenExits75() throws {
    let dir = Fixture.tempDir()
    let input = Fixture.stream([Self.clusters[2]], in: dir)
    let state = Fixture.writeState(dir, issues: [])
    let ledger = dir + "/ledger.json"
    let fd = open(ledger + ".lock", O_RDWR | O_CREAT, 0o644)
    XCTAssertGreaterThanOrEqual(fd, 0)
    XCTAssertEqual(flock(fd, LOCK_EX), 0)
    let r = Fixture.run(
      [
        "--repo", "acme/llm-backend", "--apply", "--ledger", ledger, "--lock-timeout", "1",
        "--pause-ms", "0", input,
      ],
      env: env(state, dir + "/gh.log"))
    flock(fd, LOCK_UN)
    close(fd)
    XCTAssertEqual(r.status, 75, r.stderr)
    XCTAssertEqual(Fixture.stateIssues(state).count, 0)
  }

  func testApplyNeedsRepoAndLedger() {
    let dir = Fixture.tempDir()
    let input = Fixture.stream([Self.clusters[2]], in: dir)
    XCTAssertEqual(Fixture.run(["--repo", "acme/llm-backend", "--apply", input]).status, 64)
    XCTAssertEqual(Fixture.run([input]).status, 64)
  }
}

final class TitleQualifierTests: XCTestCase {
  func env(_ state: String, _ log: String) -> [String: String] {
    ["FAKE_GH_STATE": state, "FAKE_GH_LOG": log]
  }

  /// The same message from two services, and once more as a failed request of one of them.
  static let clusters = [
    Fixture.cluster(
      fingerprint: "aaaa000000000001", title: "Critical validation failed: cache is down",
      template: "Critical validation failed: cache is down", service: "api"),
    Fixture.cluster(
      fingerprint: "aaaa000000000002", title: "Critical validation failed: cache is down",
      template: "Critical validation failed: cache is down", service: "worker"),
  ]

  func testClustersFiledUnderOneTitleAreToldApartAndKeepTheirQualifier() throws {
    let dir = Fixture.tempDir()
    var request = Self.clusters[0]
    request["fingerprint"] = .string("aaaa000000000003")
    request["signatures"] = .array([.string("aaaa000000000003")])
    request["group"] = .string("request")
    let input = Fixture.stream(Self.clusters + [request], in: dir)
    let state = Fixture.writeState(dir, issues: [])
    let log = dir + "/gh.log"
    let args = [
      "--repo", "acme/llm-backend", "--apply", "--ledger", dir + "/ledger.json", "--pause-ms", "0",
      input,
    ]
    let first = Fixture.run(args, env: env(state, log))
    XCTAssertEqual(first.status, 0, first.stderr)
    XCTAssertEqual(first.decisions.map(\.action), ["create", "create", "create"])
    let titles = Fixture.stateIssues(state).map { $0["title"] as? String ?? "" }.sorted()
    XCTAssertEqual(
      titles,
      [
        "GCP-new | P1 | Critical validation failed: cache is down [api, log lines]",
        "GCP-new | P1 | Critical validation failed: cache is down [api, requests]",
        "GCP-new | P1 | Critical validation failed: cache is down [worker, log lines]",
      ])
    // A later run that sees only one of them updates it and keeps its qualifier.
    // The next hour: same cluster, a later window.
    var next = Self.clusters[1]
    next["first_seen"] = .string("2025-09-15T14:05:00Z")
    next["last_seen"] = .string("2025-09-15T14:55:00Z")
    let later = dir + "/later.ndjson"
    let text = [
      Fixture.meta("parse", window: ("2025-09-15T14:00:00Z", "2025-09-15T15:00:00Z")), next,
      Fixture.meta("score"),
    ].map { JSONWriter.string(.object($0)) + "\n" }.joined()
    _ = FileManager.default.createFile(atPath: later, contents: Data(text.utf8))
    let second = Fixture.run(
      [
        "--repo", "acme/llm-backend", "--apply", "--ledger", dir + "/ledger2.json", "--pause-ms",
        "0", later,
      ], env: env(state, log))
    XCTAssertEqual(second.status, 0, second.stderr)
    XCTAssertEqual(second.decisions.map(\.action), ["update"], second.decisions.first?.reason ?? "")
    // The category moves on (new → active), and the qualifier stays with the title.
    XCTAssertEqual(
      second.decisions.first?.title,
      "GCP-active-dev | P1 | Critical validation failed: cache is down [worker, log lines]")
    let edits = Fixture.ghCalls(log).filter { $0.contains("edit") && $0.contains("--title") }
    XCTAssertEqual(edits.count, 1)
    XCTAssertTrue(
      edits.allSatisfy { $0.contains { $0.hasSuffix("[worker, log lines]") } }, "\(edits)")
  }

  func testQualifiedTitlesStayWithinTheLimit() {
    let long = "GCP-new | P1 | " + String(repeating: "x", count: 300)
    let q = IssueComposer.qualified(String(long.prefix(200)), "api, worker")
    XCTAssertLessThanOrEqual(q.count, IssueComposer.titleLimit)
    XCTAssertTrue(q.hasSuffix("… [api, worker]"), q)
    XCTAssertEqual(
      IssueComposer.keepingQualifier("GCP-new | P0 | boom", existing: "GCP-new | P1 | boom [api]"),
      "GCP-new | P0 | boom [api]")
    XCTAssertEqual(
      IssueComposer.keepingQualifier("GCP-new | P0 | boom", existing: "GCP-new | P1 | boom"),
      "GCP-new | P0 | boom")
  }
}
