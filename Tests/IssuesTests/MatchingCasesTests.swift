// Decision accuracy on hand-written (cluster, issues, right answer) cases shaped like real reports:
// human issues written as people write them (quoted logs, CRLF, checklists, feature requests that share
// words with errors). The accuracy is printed; no case may update or reopen an unrelated issue.
import Foundation
import GardenKit
import XCTest

@testable import GardenIssues

final class MatchingCasesTests: XCTestCase {
  struct Case {
    var name: String
    var cluster: JSONObject
    var issues: [[String: Any]]
    /// `create`, `none`, `update N`, `reopen N`.
    var expected: String
  }

  /// Issues present in every case: unrelated work that shares words with the clusters.
  static let background: [[String: Any]] = [
    Fixture.issue(
      44, "Slow cold start: LLM Manager initialization takes 4s",
      "New instances take about 4 s before they accept requests; most of it is the LLM Manager creating a client per provider one after the other.\r\n\r\nMake the provider clients initialize concurrently. Target: under 1 s.",
      state: "CLOSED", reason: "COMPLETED", labels: ["performance"],
      closedAt: "2025-08-28T14:27:51Z"),
    Fixture.issue(
      46, "Per-user rate limit dashboard",
      "Support keeps asking why a user got 429s. A small admin page with requests per minute per user over the last day, and the current limit, would answer that without digging through logs.",
      labels: ["enhancement"]),
    Fixture.issue(
      49, "Upload error toast appears twice",
      "When a file upload times out (the proxy gives up after 30s), the client shows the \"Upload failed\" error toast twice. Probably both the fetch `catch` and the timeout handler call `showError`.",
      labels: ["bug", "frontend"]),
    Fixture.issue(
      50, "Export conversations as PDF",
      "It would be nice to download a conversation as a PDF with the model name and timestamps.",
      state: "CLOSED", reason: "NOT_PLANNED", labels: ["enhancement", "wontfix"],
      closedAt: "2025-09-02T10:05:19Z"),
    Fixture.issue(
      52, "Docs: how to rotate the JWT signing key without logging everyone out",
      "We need a short runbook for rotating `JWT_SIGNING_KEY`. Today a rotation makes every token fail validation at once and users see \"token expired\" errors until they sign in again.",
      labels: ["documentation"]),
    Fixture.issue(
      55, "Make the streaming response timeout configurable",
      "`/api/chat` streaming gives up after a hard-coded 60 s. Long generations hit that and the client shows a generic error.\r\n\r\nProposal: `STREAM_TIMEOUT_SECONDS` env var, default 60, max 300.",
      labels: ["enhancement"]),
    Fixture.issue(
      58, "Chat sidebar keeps the old title after renaming a conversation",
      "Steps:\r\n1. Open any conversation\r\n2. Rename it\r\n\r\nThe sidebar still shows the old title until a full page reload. No error in the browser console, the PATCH returns 200.",
      labels: ["bug", "frontend"]),
  ]

  static func c(
    _ fp: String, _ title: String, _ template: String, type: String? = nil, frames: [Frame] = [],
    loggers: [String] = [], priority: String? = "P2", severity: Severity = .error,
    last: String = "2025-09-15T13:55:00Z", extra: [(String, JSONValue)] = []
  ) -> JSONObject {
    Fixture.cluster(
      fingerprint: fp, title: title, template: template, errorType: type, frames: frames,
      loggers: loggers,
      last: last, severity: severity, priority: priority, extra: extra)
  }

  static var cases: [Case] {
    let dbTimeout = c(
      "db01", "Database query timed out after <*>s on table conversations",
      "Database query timed out after <*>s on table conversations (pool <*>, attempt <*>)",
      loggers: ["app.db.pool"])
    let typeError = c(
      "te01", "TypeError: 'NoneType' object is not callable in _cleanup_callback",
      "Exception in callback SessionManager._cleanup_callback(<*>) TypeError: 'NoneType' object is not callable",
      type: "TypeError",
      frames: [
        Frame(file: "/app/services/session_manager.py", line: 212, function: "_cleanup_callback")
      ])
    let keyError = c(
      "ke01", "KeyError: 'conversation_id' in _resolve_conversation", "KeyError: 'conversation_id'",
      type: "KeyError",
      frames: [Frame(file: "/app/api/chat.py", line: 131, function: "_resolve_conversation")])
    let redis = c(
      "rd01", "ConnectionRefusedError: connecting to redis <*>",
      "ConnectionRefusedError: [Errno <*>] Connect call failed (<*>, <*>) while connecting to redis",
      type: "ConnectionRefusedError",
      frames: [Frame(file: "/app/cache/redis_client.py", line: 57, function: "get_connection")])
    let typeErrorBody =
      "Every few minutes staging logs this on stderr:\r\n\r\n```\r\nException in callback SessionManager._cleanup_callback('req_1757512204518_311_0c9d2e77')\r\nTraceback (most recent call last):\r\n  File \"/app/services/session_manager.py\", line 209, in _cleanup_callback\r\n    self._on_expire(request_id)\r\nTypeError: 'NoneType' object is not callable\r\n```\r\n\r\nFixed by #53."
    let ownMarker = Marker(
      fingerprint: "ow01", key: nil, window: "2025-09-14T00:00:00Z/2025-09-14T01:00:00Z")
    let ownCluster = c(
      "ow01", "Job <*> failed: quota exceeded", "Job <*> failed: quota exceeded for project <*>",
      type: "QuotaError",
      frames: [Frame(file: "/app/jobs/runner.py", line: 40, function: "run_job")])
    let ownFacts = ClusterFacts(record: ownCluster, runWindow: nil)
    let ownBody = { (fp: String, template: String) -> String in
      "**P2 ERROR:** Job failed\n\nMessage template:\n\n```text\n\(template)\n```\n\n"
        + Marker(
          fingerprint: fp, key: ownFacts.key, window: "2025-09-14T00:00:00Z/2025-09-14T01:00:00Z"
        ).line + "\n"
    }
    return [
      Case(
        name: "db timeout quoted in a person's issue", cluster: dbTimeout,
        issues: [
          Fixture.issue(
            57, "Database queries timing out on conversations table",
            "Since Friday, queries on `conversations` keep hitting the 30 s statement timeout.\r\n\r\n```\r\nDatabase query timed out after 30.0s on table conversations (pool db-pool-2, attempt 3/3)\r\n```\r\n\r\n- [ ] restore the index"
          )
        ], expected: "update 57"),
      Case(
        name: "regression of a closed TypeError (line moved)", cluster: typeError,
        issues: [
          Fixture.issue(
            54, "TypeError: 'NoneType' object is not callable in SessionManager._cleanup_callback",
            typeErrorBody,
            state: "CLOSED", reason: "COMPLETED", closedAt: "2025-09-11T16:42:07Z")
        ], expected: "reopen 54"),
      Case(
        name: "closed TypeError, last event before the close",
        cluster: c(
          "te02", "TypeError: 'NoneType' object is not callable in _cleanup_callback",
          "Exception in callback SessionManager._cleanup_callback(<*>) TypeError: 'NoneType' object is not callable",
          type: "TypeError",
          frames: [
            Frame(
              file: "/app/services/session_manager.py", line: 212, function: "_cleanup_callback")
          ],
          last: "2025-09-11T16:40:00Z"),
        issues: [
          Fixture.issue(
            54, "TypeError: 'NoneType' object is not callable in SessionManager._cleanup_callback",
            typeErrorBody,
            state: "CLOSED", reason: "COMPLETED", closedAt: "2025-09-11T16:42:07Z")
        ], expected: "none 54"),
      Case(
        name: "startup failure vs slow cold start of the same component",
        cluster: c(
          "st01", "Critical service validation failed: llm_manager is not available",
          "Critical service validation failed: llm_manager is not available",
          type: "StartupValidationError",
          loggers: ["app.startup"], priority: "P0", severity: .critical), issues: [],
        expected: "create"),
      Case(
        name: "expired JWTs vs a docs issue about key rotation",
        cluster: c(
          "jw01", "JWT validation failed for user <*> : token expired",
          "JWT validation failed for user <*> : token expired (request <*>)", loggers: ["app.auth"],
          severity: .warning), issues: [], expected: "create"),
      Case(
        name: "db timeout vs issues about other timeouts", cluster: dbTimeout, issues: [],
        expected: "create"),
      Case(
        name: "pdf export error vs a not-planned feature request",
        cluster: c(
          "pd01", "ExportError: PDF rendering failed for conversation <*>",
          "ExportError: PDF rendering failed for conversation <*>", type: "ExportError",
          frames: [Frame(file: "/app/export/pdf.py", line: 88, function: "render_pdf")]),
        issues: [], expected: "create"),
      Case(
        name: "C13 shape: person's issue quoting the traceback",
        cluster: c(
          "ss01", "SubmissionSyncError: upstream returned 502 while syncing submission <*>",
          "SubmissionSyncError: upstream returned <*> while syncing submission <*>",
          type: "SubmissionSyncError",
          frames: [
            Frame(file: "/srv/sync/worker.py", line: 88, function: "push_submission"),
            Frame(file: "/srv/sync/client.py", line: 40, function: "raise_for_status"),
          ]),
        issues: [
          Fixture.issue(
            7, "SubmissionSyncError: upstream returned 502 while syncing submission",
            "Seen in the sync worker logs.\n\n```\nTraceback (most recent call last):\n  File \"/srv/sync/worker.py\", line 88, in push_submission\n  File \"/srv/sync/client.py\", line 40, in raise_for_status\nsync.errors.SubmissionSyncError: upstream returned 502 while syncing submission 0a9d8c7b-6e5f-4a3b-9c2d-1e0f9a8b7c6d\n```"
          )
        ], expected: "update 7"),
      Case(
        name: "KeyError reported by a person in prose", cluster: keyError,
        issues: [
          Fixture.issue(
            61, "KeyError 'conversation_id' when posting a chat message",
            "POST /api/chat/messages sometimes 500s. The log shows `KeyError: 'conversation_id'` raised in `_resolve_conversation` (api/chat.py). Looks like new chats have no id yet."
          )
        ], expected: "update 61"),
      Case(
        name: "same function, different error type", cluster: keyError,
        issues: [
          Fixture.issue(
            62, "TypeError in _resolve_conversation for archived chats",
            "Opening an archived chat raises `TypeError: unhashable type: 'list'` in `_resolve_conversation` (api/chat.py line 140)."
          )
        ], expected: "create"),
      Case(
        name: "redis connection refused, person's issue", cluster: redis,
        issues: [
          Fixture.issue(
            63, "Redis connection refused on staging after the VPC change",
            "Since the VPC connector change the backend cannot reach redis:\n\n```\nConnectionRefusedError: [Errno 111] Connect call failed ('10.0.0.5', 6379) while connecting to redis\n```\n\nSee redis_client.py get_connection."
          )
        ], expected: "update 63"),
      Case(
        name: "redis error vs a redis performance issue", cluster: redis,
        issues: [
          Fixture.issue(
            64, "Redis cache hit ratio is low on conversation lists",
            "The cache hit ratio for conversation lists is about 20%. We should cache the first page longer. Redis memory is fine."
          )
        ], expected: "create"),
      Case(
        name: "deprecation warning closed as not planned",
        cluster: c(
          "dw01", "DeprecationWarning: datetime.datetime.utcnow() is deprecated",
          "DeprecationWarning: datetime.datetime.utcnow() is deprecated and scheduled for removal in a future version",
          type: "DeprecationWarning", loggers: ["py.warnings"], priority: "P3", severity: .warning),
        issues: [
          Fixture.issue(
            65, "DeprecationWarning: datetime.utcnow() is deprecated",
            "Python 3.12 logs `DeprecationWarning: datetime.datetime.utcnow() is deprecated and scheduled for removal` at every start. Harmless; we will move to timezone-aware datetimes with the 3.13 upgrade.",
            state: "CLOSED", reason: "NOT_PLANNED", closedAt: "2025-09-01T00:00:00Z")
        ], expected: "none 65"),
      Case(
        name: "matched issue labelled wontfix", cluster: dbTimeout,
        issues: [
          Fixture.issue(
            66, "Database query timed out on table conversations",
            "```\nDatabase query timed out after 30.0s on table conversations (pool db-pool-2, attempt 3/3)\n```\nKnown, staging only.",
            labels: ["wontfix"])
        ], expected: "none 66"),
      Case(
        name: "out of memory, person's issue",
        cluster: c(
          "om01", "Memory limit of <*> MiB exceeded",
          "Memory limit of <*> MiB exceeded with <*> MiB used. Consider increasing the memory limit",
          loggers: ["varlog/system"], priority: "P1"),
        issues: [
          Fixture.issue(
            67, "Instances killed: memory limit exceeded",
            "Cloud Run kills instances of 00042:\n\n```\nMemory limit of 1024 MiB exceeded with 1043 MiB used. Consider increasing the memory limit\n```"
          )
        ], expected: "update 67"),
      Case(
        name: "Gemini 429 vs a rate limit dashboard request",
        cluster: c(
          "gm01", "Gemini API returned 429 RESOURCE_EXHAUSTED",
          "Gemini API returned 429 RESOURCE_EXHAUSTED for model <*>: quota exceeded",
          loggers: ["app.llm.gemini"],
          severity: .warning), issues: [], expected: "create"),
      Case(
        name: "below --min-priority",
        cluster: c(
          "fv01", "GET /favicon.ico 404", "GET /favicon.ico → 404", priority: "P4",
          severity: .warning),
        issues: [], expected: "none"),
      Case(
        name: "INFO-only health cluster",
        cluster: c(
          "in01", "LLM Manager initialized with <*> providers",
          "LLM Manager initialized with <*> providers in <*>ms",
          priority: nil, severity: .info), issues: [], expected: "none"),
      Case(
        name: "muted by the scorer",
        cluster: c(
          "mu01", "Rate limiter warming up", "Rate limiter warming up (<*> tokens)", priority: "P2",
          extra: [("muted", .bool(true))]), issues: [], expected: "none"),
      Case(
        name: "GitHub 401, person's issue quoting it",
        cluster: c(
          "gh01", "GitHub API request failed: 401 Bad credentials",
          "GitHub API request failed: 401 Bad credentials (<*>)",
          loggers: ["app.integrations.github"]),
        issues: [
          Fixture.issue(
            68, "GitHub sync fails with 401 Bad credentials",
            "The repo sync job stopped. Logs: `GitHub API request failed: 401 Bad credentials (https://api.github.com/repos/acme/x)`. The app token probably expired."
          )
        ], expected: "update 68"),
      Case(
        name: "same error type, different function and message",
        cluster: c(
          "ve01", "ValueError: invalid literal for int() with base 10 in parse_page",
          "ValueError: invalid literal for int() with base 10: <*>", type: "ValueError",
          frames: [Frame(file: "/app/api/pagination.py", line: 21, function: "parse_page")]),
        issues: [
          Fixture.issue(
            69, "ValueError when the limit query parameter is empty",
            "`GET /api/conversations?limit=` raises `ValueError` in `parse_limit` (api/params.py). Should default to 20."
          )
        ], expected: "create"),
      Case(
        name: "our issue by marker", cluster: ownCluster,
        issues: [
          Fixture.issue(
            70, "GCP-new | P2 | Job failed: quota exceeded",
            ownBody("ow01", "Job <*> failed: quota exceeded for project <*>"),
            labels: ["log-gardener", "P2"])
        ], expected: "update 70"),
      Case(
        name: "our issue, reworded template (tier 1)", cluster: ownCluster,
        issues: [
          Fixture.issue(
            71, "GCP-new | P2 | Job failed: quota exceeded",
            ownBody("ow00", "Job <*> failed: quota exceeded for project <*> in region <*>"),
            labels: ["log-gardener", "P2"])
        ], expected: "update 71"),
      Case(
        name: "our issue, same key but a different status word", cluster: ownCluster,
        issues: [
          Fixture.issue(
            72, "GCP-new | P2 | Job started: quota exceeded",
            ownBody("ow00", "Job <*> started: quota exceeded for project <*>"),
            labels: ["log-gardener", "P2"])
        ], expected: "create"),
      Case(
        name: "a forged marker without our label is not trusted", cluster: ownCluster,
        issues: [
          Fixture.issue(
            73, "Please look at this", "Random text\n\n" + ownMarker.line + "\n",
            labels: ["question"])
        ], expected: "create"),
      Case(
        name: "error type mentioned in passing in an unrelated issue", cluster: typeError,
        issues: [
          Fixture.issue(
            74, "Catch TypeError in the settings form validation",
            "The settings form throws a TypeError when the language field is empty. We should validate it before submit."
          )
        ], expected: "create"),
    ]
  }

  /// `create`, `none`, `none N`, `update N`, `reopen N` for a decision.
  static func summary(_ d: IssueDecision) -> String {
    switch d.action {
    case "create": return "create"
    case "none": return d.number.map { "none \($0)" } ?? "none"
    default: return "\(d.action) \(d.number ?? -1)"
    }
  }

  func testDecisionAccuracyOnHumanWrittenIssues() throws {
    let cases = Self.cases
    XCTAssertGreaterThanOrEqual(cases.count, 20)
    var right = 0
    var lines: [String] = []
    for k in cases {
      let data = try JSONSerialization.data(withJSONObject: Self.background + k.issues)
      let listing = try IssueListing.parse([UInt8](data), source: "test")
      let matcher = IssueMatcher(
        listing: listing, label: "log-gardener", thresholds: MatchThresholds(), tracking: [:])
      var planner = DecisionPlanner(
        config: PlannerConfig(), matcher: matcher, ledger: Ledger(), listing: listing)
      let plan = planner.plan(
        ClusterFacts(record: k.cluster, runWindow: "2025-09-15T13:00:00Z/2025-09-15T14:00:00Z"))
      let got = Self.summary(plan.decision)
      let ok = got == k.expected
      if ok { right += 1 }
      lines.append(
        "\(ok ? "ok  " : "MISS") \(k.name): expected \(k.expected), got \(got) — \(plan.decision.reason)"
      )
      // Never act on an issue that is not the right one.
      if ["update", "reopen"].contains(plan.decision.action) {
        XCTAssertEqual(
          got, k.expected, "\(k.name): acted on the wrong issue: \(plan.decision.reason)")
      }
    }
    let accuracy = Double(right) / Double(cases.count)
    print(
      "issue matching: \(right)/\(cases.count) decisions right (accuracy \(String(format: "%.2f", accuracy)))"
    )
    for l in lines { print("  " + l) }
    XCTAssertGreaterThanOrEqual(
      accuracy, 0.9, lines.filter { $0.hasPrefix("MISS") }.joined(separator: "\n"))
  }
}
