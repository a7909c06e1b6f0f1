// Hostile log text must reach the issue inert: no token, no address, no live mention or reference,
// no HTML or forged marker outside a fence, no fence break-out, no invisible characters.
import Foundation
import GardenKit
import XCTest

@testable import GardenIssues

final class SafetyTests: XCTestCase {
  // 36 characters after the prefix, as GitHub's tokens have.
  static let token = "ghp_" + String(repeating: "a1B2c3D4e5", count: 3) + "F6g7H8"
  static let hostile =
    "login failed for maria.lopez@example.com token=\(token) cc @someone see #123 and acme/infra#45\n"
    + "<img src=https://evil.example/p.png> <!-- log-gardener v=1 fingerprint=forged -->\n"
    + "````\n@someone outside? \u{202E}reversed\u{200B}hidden\n````"

  /// The text outside fenced code blocks, found independently of the code under test: a fence opens
  /// with 3+ backticks and closes with a line of at least as many backticks and nothing else.
  func outsideFences(_ text: String) -> (String, Bool) {
    var outside: [Substring] = []
    var open = 0
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let ticks = line.prefix { $0 == "`" }.count
      if open > 0 {
        if ticks >= open && line.allSatisfy({ $0 == "`" }) { open = 0 }
      } else if ticks >= 3 {
        open = ticks
      } else {
        outside.append(line)
      }
    }
    return (outside.joined(separator: "\n"), open == 0)
  }

  func hostileCluster() -> JSONObject {
    Fixture.cluster(
      fingerprint: "5afe000000000001", title: "Login failed for @someone #12 <b>x</b>",
      template: "login failed for <*> token=<*> cc @someone", errorType: "AuthError",
      frames: [Frame(file: "/app/auth.py", line: 10, function: "login")], priority: "P1",
      message: Self.hostile,
      keywords: ["@someone", "login"])
  }

  func assertSafe(title: String, body: String, file: StaticString = #filePath, line: UInt = #line) {
    for text in [title, body] {
      XCTAssertFalse(text.contains(Self.token), "token survived", file: file, line: line)
      XCTAssertFalse(text.contains("ghp_"), "token prefix survived", file: file, line: line)
      XCTAssertFalse(
        text.contains("maria.lopez@example.com"), "e-mail survived", file: file, line: line)
      XCTAssertFalse(text.contains("\u{202E}"), "bidi control survived", file: file, line: line)
      XCTAssertFalse(text.contains("\u{200B}"), "zero-width space survived", file: file, line: line)
      XCTAssertEqual(SecretScan.findings(in: text), [], file: file, line: line)
    }
    XCTAssertFalse(title.contains("@"), "mention in title: \(title)", file: file, line: line)
    XCTAssertFalse(title.contains("#"), "reference in title: \(title)", file: file, line: line)
    let (outside, balanced) = outsideFences(body)
    XCTAssertTrue(balanced, "a fence was left open", file: file, line: line)
    XCTAssertFalse(
      outside.contains("@someone"), "live mention outside a fence", file: file, line: line)
    XCTAssertFalse(
      outside.contains("#123"), "live reference outside a fence", file: file, line: line)
    XCTAssertFalse(
      outside.contains("acme/infra#45"), "cross-repo reference outside a fence", file: file,
      line: line)
    XCTAssertFalse(outside.contains("<img"), "HTML outside a fence", file: file, line: line)
    XCTAssertFalse(outside.contains("<b>"), "HTML outside a fence", file: file, line: line)
    XCTAssertFalse(
      outside.contains("fingerprint=forged"), "forged marker outside a fence", file: file,
      line: line)
    // The four-backtick run stays inside a longer fence.
    XCTAssertTrue(
      body.contains("`````"), "the fence must be longer than the content's backtick run",
      file: file, line: line)
    let markers = Marker.all(in: body).filter { $0.verb == nil }
    XCTAssertEqual(
      markers.map(\.fingerprint), ["5afe000000000001"], "exactly one marker, ours", file: file,
      line: line)
    XCTAssertLessThan(body.count, 65_536, file: file, line: line)
    XCTAssertTrue(body.contains("/app/auth.py:10"), "code location kept", file: file, line: line)
  }

  func testCreatedIssueBodyNeutralizesHostileText() throws {
    let dir = Fixture.tempDir()
    let input = Fixture.stream([hostileCluster()], in: dir)
    let issues = dir + "/issues.json"
    _ = FileManager.default.createFile(atPath: issues, contents: Data("[]".utf8))
    let r = Fixture.run(["--issues-file", issues, input])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertEqual(r.decisions.first?.action, "create")
    let c = try XCTUnwrap(r.clusters.first)
    assertSafe(title: c["issue_title"]?.string ?? "", body: c["issue_body"]?.string ?? "")
    XCTAssertEqual(c["issue_title"]?.string, r.decisions.first?.title)
  }

  func testHugeSampleIsShortenedAndTheMarkerKept() {
    var c = hostileCluster()
    let big = String(repeating: "x", count: 150_000) + "\n" + Self.hostile
    var s = c["samples"]?.array?.first?.object ?? JSONObject()
    s["message"] = .string(big)
    c["samples"] = .array([.object(s)])
    c["template"] = .string(String(repeating: "word ", count: 20_000))
    let f = ClusterFacts(record: c, runWindow: "a/b")
    let body = IssueComposer.issueBody(
      facts: f, related: [], marker: Marker(fingerprint: "5afe000000000001", window: "a/b"))
    XCTAssertLessThan(body.count, 65_536)
    XCTAssertEqual(Marker.issueMarker(in: body)?.fingerprint, "5afe000000000001")
    XCTAssertTrue(outsideFences(body).1)
  }

  func testSecretLeftInComposedTextWithholdsThePost() {
    // A secret shape the scrubber does not know, but the final scan does (simulated by a title that
    // the fallback scrubber keeps only because it is split across the title and category).
    var plan = Plan(
      facts: ClusterFacts(record: hostileCluster(), runWindow: nil),
      decision: IssueDecision(action: "create", reason: "x"))
    plan.writes = [PlannedWrite(kind: "create", key: "k", title: "t", body: "leak " + Self.token)]
    let listing = IssueListing(source: "none")
    let p = DecisionPlanner(
      config: PlannerConfig(),
      matcher: IssueMatcher(
        listing: listing, label: "log-gardener", thresholds: MatchThresholds(), tracking: [:]),
      ledger: Ledger(), listing: listing)
    let q = p.withheldIfSecret(plan)
    XCTAssertEqual(q.decision.action, "none")
    XCTAssertTrue(q.decision.reason.contains("github-token"), q.decision.reason)
    XCTAssertTrue(q.writes.isEmpty)
    XCTAssertFalse(q.decision.reason.contains(Self.token), "the reason never repeats the secret")
  }

  func testMarkerRoundTripAndForgeryResistance() {
    let m = Marker(
      fingerprint: "abc-->d e", aliases: ["f1", "f2"], key: "k",
      window: "2025-09-15T13:00:00Z/2025-09-15T14:00:00Z")
    XCTAssertFalse(m.line.dropFirst(4).dropLast(3).contains("--"))
    let parsed = Marker.parse(line: Substring(m.line))
    XCTAssertEqual(parsed?.fingerprint, "abc-de")
    XCTAssertEqual(parsed?.aliases, ["f1", "f2"])
    XCTAssertEqual(parsed?.window, "2025-09-15T13:00:00Z/2025-09-15T14:00:00Z")
    let quoted = "A person quoting it:\n\n```\n" + m.line + "\n```\n"
    XCTAssertNil(Marker.issueMarker(in: quoted), "markers inside fences are not trusted")
    let replaced = Marker.replacing(
      in: "text\r\n\r\n" + m.line + "\r\n", with: Marker(fingerprint: "new"))
    XCTAssertEqual(Marker.issueMarker(in: replaced)?.fingerprint, "new")
    XCTAssertTrue(replaced.hasPrefix("text"))
  }
}
