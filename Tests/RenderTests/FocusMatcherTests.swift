// --focus: `_`, `-`, `.`, spaces and camelCase boundaries are the same separator, case is ignored, and
// the term's words must appear consecutively as whole words.

import GardenKit
import XCTest

@testable import GardenRender

final class FocusMatcherTests: XCTestCase {
  func testWordSplitting() {
    XCTAssertEqual(FocusMatcher.words("llm__manager"), ["llm", "manager"])
    XCTAssertEqual(FocusMatcher.words("LLM Manager"), ["llm", "manager"])
    XCTAssertEqual(FocusMatcher.words("LlmManager"), ["llm", "manager"])
    XCTAssertEqual(FocusMatcher.words("LLMManager"), ["llm", "manager"])
    XCTAssertEqual(FocusMatcher.words("app/llm-manager.py"), ["app", "llm", "manager", "py"])
    XCTAssertEqual(FocusMatcher.words("HTTPServerError2"), ["http", "server", "error2"])
    XCTAssertEqual(FocusMatcher.words("--__.."), [])
  }

  func testEquivalentSpellingsMatch() {
    let names = [
      "llm_manager", "LLM Manager", "LlmManager", "llm-manager", "llm.manager", "LLMManager",
    ]
    for term in ["llm__manager", "LLM manager", "LlmManager", "llm.MANAGER"] {
      let m = FocusMatcher(term: term)
      for n in names { XCTAssertTrue(m.matches(n), "\(term) should match \(n)") }
    }
  }

  func testWholeWordsInOrder() {
    let m = FocusMatcher(term: "llm_manager")
    XCTAssertTrue(m.matches("Critical service validation failed: llm_manager is not available"))
    XCTAssertFalse(m.matches("llms manager"))
    XCTAssertFalse(m.matches("manager llm"))
    XCTAssertFalse(m.matches("llm provider manager"))
    XCTAssertTrue(FocusMatcher(term: "manager").matches("LlmManager"))
    XCTAssertFalse(FocusMatcher(term: "").matches("anything"))
  }

  func testClusterFieldsAreSearched() {
    var c = Cluster()
    c.title = "Startup failed"
    c.origin = Frame(file: "app/startup.py", line: 88, function: "validateServices")
    XCTAssertTrue(FocusMatcher(term: "validate_services").matches(c))
    XCTAssertTrue(FocusMatcher(term: "startup py").matches(c))
    XCTAssertFalse(FocusMatcher(term: "database").matches(c))
    c.loggers = ["app.db.pool"]
    XCTAssertTrue(FocusMatcher(term: "DB Pool").matches(c))
  }

  func testFocusOrdersMatchesFirst() throws {
    var o = RenderOptions()
    o.focus = "thread cleanup"
    let (doc, _) = try Fixture.render("run.ndjson", o)
    let focus = try XCTUnwrap(doc.range(of: "## Focus: `thread cleanup`"))
    let other = try XCTUnwrap(doc.range(of: "## Other clusters"))
    let typeError = try XCTUnwrap(doc.range(of: "### C1 · P2 · ERROR · TypeError"))
    XCTAssertTrue(
      focus.upperBound < typeError.lowerBound && typeError.upperBound < other.lowerBound)
    XCTAssertTrue(doc.contains("**Focus:** `thread cleanup`: 1 of 7 clusters match, shown first"))
  }
}
