// Config validation: the example loads, and every kind of mistake names its key and the reason.

import GardenKit
import XCTest

@testable import GardenScore

final class ConfigLoaderTests: XCTestCase {
  func refusal(_ text: String) -> ConfigError? {
    do {
      _ = try ConfigLoader.parse(Array(text.utf8))
      return nil
    } catch { return error }
  }

  func testExampleConfigLoads() throws {
    let c = try ConfigLoader.load(
      path: Paths.root.appendingPathComponent("examples/score-config.json").path)
    XCTAssertEqual(c.criticalComponents, ["llm_manager", "app.db"])
    XCTAssertEqual(c.impact.count, 3)
    XCTAssertEqual(c.mutes.count, 1)
    XCTAssertEqual(c.expected.count, 1)
    XCTAssertTrue(c.keywordRules.contains { $0.name == "llm-provider-config" })
  }

  func testMistakesNameTheKeyAndWhy() {
    let cases: [(String, String)] = [
      (
        #"{"thresholds": {"rate_per_hour": "fast"}}"#,
        #"key 'thresholds.rate_per_hour': must be a number in (0, 1e9], got "fast""#
      ),
      (
        #"{"thresholds": {"rate_per_hr": 5}}"#,
        "key 'thresholds.rate_per_hr': unknown key; did you mean 'rate_per_hour'?"
      ),
      (
        #"{"thresholds": {"recent_runs": 2.5}}"#,
        "key 'thresholds.recent_runs': must be a whole number in 1...1000, got 2.5"
      ),
      (
        #"{"rules": [{"name": "x", "priority": "P7", "contains": "a", "says": "b"}]}"#,
        "key 'rules[0].priority': must be P0, P1, P2 or P3, got 'P7'"
      ),
      (
        #"{"rules": [{"name": "x", "priority": "P1", "says": "b"}]}"#,
        "key 'rules[0]': needs at least one of contains, regex, error_types, fingerprints to select clusters"
      ),
      (
        #"{"rules": [{"name": "x", "priority": "P1", "regex": "(", "says": "b"}]}"#,
        "key 'rules[0].regex': '(' is not a valid regular expression"
      ),
      (
        #"{"rules": [{"name": "x", "priority": "P1", "contains": "a"}]}"#,
        "key 'rules[0].says': is required"
      ),
      (
        #"{"rules": [{"name": "x", "priority": "P1", "contains": "a", "says": "b", "min_severity": "INFO"}]}"#,
        "key 'rules[0].min_severity': must be WARNING or above: INFO/DEBUG/NOTICE/DEFAULT-only clusters never get a priority"
      ),
      (
        #"{"mutes": [{"contains": "x", "until": "next week", "reason": "r"}]}"#,
        "key 'mutes[0].until': must be a date (2025-10-01) or an RFC 3339 time, got 'next week'"
      ),
      (
        #"{"expected": [{"contains": "x", "until": "2025-10-01"}]}"#,
        "key 'expected[0].reason': is required"
      ),
      (
        #"{"disable_rules": ["favicons"]}"#,
        "key 'disable_rules[0]': no built-in rule is named 'favicons' (built-in rules: startup, container-exit, data-loss, security, out-of-memory, cosmetic, import-at-start, critical-component, rising-errors)"
      ),
      (
        #"{"impact": {"llm_manager": 3}}"#, "key 'impact.llm_manager': must be a non-empty sentence"
      ),
      (
        #"{"critical_components": "x", "colour": 1}"#,
        "key 'colour': unknown key (known keys: rules, disable_rules, critical_components, impact, mutes, expected, active_dev, symptoms, thresholds)"
      ),
      (#"[1]"#, "the config must be a JSON object"),
      (#"{"rules": "#, "not valid JSON: unexpected end of input, expected a value at byte 11"),
    ]
    for (text, expected) in cases {
      XCTAssertEqual(refusal(text)?.description, expected, text)
    }
  }

  func testCommentsAreIgnoredAndStringsMayBeSingle() {
    let c = Make.config(#"{"_note": "hello", "critical_components": "app.db"}"#)
    XCTAssertEqual(c.criticalComponents, ["app.db"])
  }

  func testDateMutesLastThroughTheDay() {
    let c = Make.config(#"{"mutes": [{"contains": "x", "until": "2025-10-01", "reason": "r"}]}"#)
    XCTAssertEqual(c.mutes[0].expires, Timestamp(rfc3339: "2025-10-02T00:00:00Z"))
  }
}
