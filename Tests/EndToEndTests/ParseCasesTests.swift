// garden-parse as a process on the public-bug cases and the JSON conformance suite (issue #3).
import Foundation
import XCTest

final class ParseCasesTests: XCTestCase {
  func events(_ command: String) throws -> [[String: Any]] {
    let r = try Harness.sh(command)
    XCTAssertTrue([0, 2].contains(r.status), "status \(r.status): \(r.stderr)")
    return Harness.records(r.stdout).filter { $0["kind"] as? String == "event" }
  }

  /// C05: a logger.exception line and its traceback are one event.
  func testC05LogLineAndTracebackAreOneEvent() throws {
    guard Harness.shared != nil else { throw XCTSkip("../shared is not beside the checkout") }
    let ev = try events("garden-parse --format text ../shared/data/cases/C05.input")
    XCTAssertEqual(ev.count, 3)
    guard ev.count == 3 else { return }
    XCTAssertEqual(ev[1]["severity"] as? String, "ERROR")
    XCTAssertTrue(
      (ev[1]["message"] as? String ?? "").hasPrefix("'NoneType' object has no attribute 'options'"))
    XCTAssertEqual((ev[1]["error"] as? [String: Any])?["type"] as? String, "AttributeError")
    let frames = ev[1]["frames"] as? [[String: Any]] ?? []
    XCTAssertEqual(frames.count, 1)
    XCTAssertEqual(frames.first?["file"] as? String, "/srv/app/settings.py")
    XCTAssertEqual(frames.first?["line"] as? Int, 72)
    XCTAssertEqual(frames.first?["function"] as? String, "apply")
    for e in ev {
      let m = e["message"] as? String ?? ""
      XCTAssertFalse(
        m.hasPrefix("Traceback") || m.hasPrefix("File ") || m.hasPrefix("AttributeError:"), m)
    }
    XCTAssertNil(ev[0]["error"])
    XCTAssertNil(ev[2]["error"])
  }

  /// C07: per-line fragments of a newest-first export are joined in time order, either way round.
  func testC07SplitTracebackIsJoinedInEitherOrder() throws {
    guard Harness.shared != nil, (try? Harness.sh("command -v jq"))?.status == 0 else {
      throw XCTSkip("needs ../shared and jq")
    }
    for cmd in [
      "garden-parse ../shared/data/cases/C07.input",
      "jq 'reverse' ../shared/data/cases/C07.input | garden-parse",
    ] {
      let ev = try events(cmd)
      XCTAssertEqual(ev.count, 2, cmd)
      let a = try XCTUnwrap(ev.first { ($0["error"] as? [String: Any]) != nil }, cmd)
      XCTAssertEqual(a["ts"] as? String, "2024-06-01T12:00:00.100100Z")
      XCTAssertEqual((a["error"] as? [String: Any])?["type"] as? String, "ZeroDivisionError")
      let frames = (a["frames"] as? [[String: Any]] ?? []).map {
        "\($0["file"] ?? ""):\($0["line"] ?? "")"
      }
      XCTAssertEqual(frames, ["/app/main.py:41", "/app/pricing.py:18"], cmd)
      let text = a["message"] as? String ?? ""
      let header = text.range(of: "Traceback (most recent call last):")
      let file = text.range(of: "File ")
      XCTAssertNotNil(header)
      if let header, let file { XCTAssertTrue(header.lowerBound < file.lowerBound) }
      XCTAssertTrue(text.contains("Exception on /checkout [POST]"), text)
      XCTAssertFalse(text.contains("/healthz"))
    }
  }

  /// `garden-parse --check` on the JSON test suite: every y_ file accepted, every n_ file rejected
  /// with a position, every i_ file and the deep-nesting file answered without a crash.
  func testCheckOnTheJSONTestSuite() throws {
    guard Harness.shared != nil else { throw XCTSkip("../shared is not beside the checkout") }
    let dir = "../shared/data/json-test-suite/test_parsing"
    let y = try Harness.sh("garden-parse --check \(dir)/y_*.json")
    XCTAssertEqual(y.status, 0, y.stdout + y.stderr)
    let n = try Harness.sh(
      "ok=0; bad=0; for f in \(dir)/n_*.json; do garden-parse --check \"$f\" >/dev/null 2>&1; s=$?; if [ $s -eq 65 ]; then ok=$((ok+1)); else bad=$((bad+1)); echo \"$f $s\"; fi; done; echo \"$ok $bad\""
    )
    XCTAssertEqual(n.stdout.split(separator: "\n").last, "188 0", n.stdout)
    let i = try Harness.sh(
      "for f in \(dir)/i_*.json \(dir)/n_structure_100000_opening_arrays.json; do garden-parse --check \"$f\" >/dev/null 2>&1; s=$?; case $s in 0|65) ;; *) echo \"$f $s\";; esac; done"
    )
    XCTAssertEqual(i.stdout, "", "crashed or odd status")
  }
}
