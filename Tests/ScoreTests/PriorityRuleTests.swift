// One test per priority rule: each asserts the priority AND the reason sentence the rule writes.

import GardenKit
import XCTest

@testable import GardenScore

final class PriorityRuleTests: XCTestCase {
  func testStartupFailureAtCriticalIsP0WithReadableReason() {
    let r = Make.scored(
      Make.cluster(
        title: "Critical service validation failed: llm_manager is not available",
        severity: "CRITICAL",
        count: 12, revisions: ["a-1", "a-2", "a-3"]))
    XCTAssertEqual(r.priority, "P0")
    XCTAssertEqual(
      r.reasons.first,
      "CRITICAL at startup: the service cannot start (12 events on 3 revisions; matched 'service validation failed')"
    )
  }

  func testStartupWordsInAWarningDoNotMakeP0() {
    let r = Make.scored(
      Make.cluster(
        title: "BYPASSING startup validation failed checks for staging", severity: "WARNING",
        count: 2))
    XCTAssertEqual(r.priority, "P3")
    XCTAssertEqual(
      r.reasons.first, "WARNING at a low rate: 2/h over the 1 h window, below 10/h (2 events)")
  }

  func testContainerExitIsP0EvenAtWarning() {
    let r = Make.scored(
      Make.cluster(title: "Container called exit(3).", severity: "WARNING", count: 4))
    XCTAssertEqual(r.priority, "P0")
    XCTAssertEqual(
      r.reasons.first,
      "WARNING container exit: the container stops with an error status, so the service restarts or stays down (4 events on 1 revision; matched /\\bexit\\([1-9][0-9]*\\)/)"
    )
  }

  func testCleanExitZeroIsNotACrash() {
    let r = Make.scored(
      Make.cluster(title: "Container called exit(0).", severity: "WARNING", count: 1))
    XCTAssertEqual(r.priority, "P3")
  }

  func testImportErrorWhileLoadingIsP0() {
    let r = Make.scored(
      Make.cluster(
        title: "ModuleNotFoundError: No module named 'auth_service'", count: 5,
        errorType: "ModuleNotFoundError",
        frames: [Frame(file: "/app/main.py", line: 3, function: "<module>", module: "app.main")]))
    XCTAssertEqual(r.priority, "P0")
    XCTAssertEqual(
      r.reasons.first,
      "ERROR at startup: the service cannot start (ModuleNotFoundError while loading the code; 5 events on 1 revision)"
    )
  }

  func testSyntaxErrorIsAlwaysAtStart() {
    let r = Make.scored(
      Make.cluster(
        title: "SyntaxError: f-string: unmatched '(' in /app/routes/ws.py line 658", count: 2))
    XCTAssertEqual(r.priority, "P0")
    XCTAssertEqual(
      r.reasons.first,
      "ERROR at startup: the service cannot start (SyntaxError while loading the code; 2 events on 1 revision)"
    )
  }

  func testImportErrorInsideARequestIsP1() {
    let r = Make.scored(
      Make.cluster(
        title: "ImportError: cannot import name 'get_auth_client'", count: 3,
        errorType: "ImportError",
        frames: [
          Frame(file: "/app/api/chat.py", line: 40, function: "handle", module: "app.api.chat")
        ]))
    XCTAssertEqual(r.priority, "P1")
    XCTAssertEqual(
      r.reasons.first,
      "ERROR import at run time: a feature that needs the missing code is broken (ImportError; 3 events on 1 revision)"
    )
  }

  func testDataLossIsP0() {
    let r = Make.scored(
      Make.cluster(
        title: "Database transaction failed - data may have been lost", count: 2, revisions: []))
    XCTAssertEqual(r.priority, "P0")
    XCTAssertEqual(
      r.reasons.first,
      "ERROR data loss: data may be lost or corrupted (2 events; matched 'data may have been lost')"
    )
  }

  func testSecurityIsP0() {
    let r = Make.scored(
      Make.cluster(
        title: "Authentication bypass: token check skipped for /admin", severity: "WARNING",
        count: 1))
    XCTAssertEqual(r.priority, "P0")
    XCTAssertEqual(
      r.reasons.first,
      "WARNING security: access control can be bypassed or credentials are exposed (1 event on 1 revision; matched 'authentication bypass')"
    )
  }

  func testOutOfMemoryIsP1() {
    let r = Make.scored(
      Make.cluster(title: "Memory limit of 1024 MiB exceeded with 1090 MiB used.", count: 1))
    XCTAssertEqual(r.priority, "P1")
    XCTAssertEqual(
      r.reasons.first,
      "ERROR out of memory: an instance was killed, so the requests it was serving failed (1 event on 1 revision; matched 'memory limit of')"
    )
  }

  func testFaviconAndDeprecationAreCosmeticP3() {
    let favicon = Make.scored(
      Make.cluster(title: "GET /favicon.ico → 404 in <*>s", severity: "WARNING", count: 4))
    XCTAssertEqual(favicon.priority, "P3")
    XCTAssertEqual(
      favicon.reasons.first,
      "WARNING cosmetic: low impact, nothing is broken for users (4 events on 1 revision; matched 'favicon')"
    )
    let deprecation = Make.scored(
      Make.cluster(
        title: "DeprecationWarning: utcnow() is deprecated", severity: "ERROR", count: 40))
    XCTAssertEqual(deprecation.priority, "P3", "a cosmetic sign beats the ERROR baseline")
  }

  func testCriticalWithoutSignsIsP1() {
    let r = Make.scored(
      Make.cluster(title: "CHAT FUNCTIONALITY IS BROKEN", severity: "CRITICAL", count: 3))
    XCTAssertEqual(r.priority, "P1")
    XCTAssertEqual(
      r.reasons.first,
      "CRITICAL without a startup, data-loss or security sign: a major failure (3 events on 1 revision)"
    )
  }

  func testErrorIsModerateP2() {
    let r = Make.scored(
      Make.cluster(title: "TypeError: 'NoneType' object is not callable", count: 15))
    XCTAssertEqual(r.priority, "P2")
    XCTAssertEqual(r.reasons.first, "ERROR: moderate errors (15 events, 15/h over the 1 h window)")
  }

  func testNoisyWarningIsP2() {
    let r = Make.scored(
      Make.cluster(title: "JWT validation failed: token expired", severity: "WARNING", count: 20))
    XCTAssertEqual(r.priority, "P2")
    XCTAssertEqual(
      r.reasons.first, "WARNING, noisy: 20/h over the 1 h window, at or above 10/h (20 events)")
  }

  func testInfoOnlyGetsNoPriorityButHealth() {
    let r = Make.scored(
      Make.cluster(title: "LLM Manager initialized with <*> providers", severity: "INFO", count: 10)
    )
    XCTAssertEqual(r["priority"], .null)
    XCTAssertEqual(r["health"]?.string, "working")
    XCTAssertEqual(
      r.reasons.first,
      "INFO at worst: no priority; it shows what is working (10 events on 1 revision)")
    let notice = Make.scored(
      Make.cluster(title: "Deploying revision succeeded", severity: "NOTICE", count: 1))
    XCTAssertEqual(notice["priority"], .null)
  }

  func testCriticalComponentRaisesErrorsToP1() {
    let config = Make.config(#"{"critical_components": ["app.db"]}"#)
    let r = Make.scored(
      Make.cluster(title: "Database query timed out", count: 7, loggers: ["app.db.pool"]),
      config: config)
    XCTAssertEqual(r.priority, "P1")
    XCTAssertEqual(
      r.reasons.first,
      "ERROR in critical component app.db (marked critical in the config; matched app.db.pool): a major feature is broken (7 events on 1 revision)"
    )
    let warning = Make.scored(
      Make.cluster(
        title: "Database query slow", severity: "WARNING", count: 2, loggers: ["app.db.pool"]),
      config: config)
    XCTAssertEqual(warning.priority, "P3", "only errors in a critical component are raised")
  }

  func testComponentNamesMatchWholeWords() {
    XCTAssertTrue(ComponentName.matches("llm_manager", in: "netra_backend.app.llm.llm_manager"))
    XCTAssertTrue(ComponentName.matches("llm_manager", in: "LLM Manager is not available"))
    XCTAssertTrue(ComponentName.matches("app.db", in: "app.db.pool"))
    XCTAssertFalse(ComponentName.matches("app.db", in: "app.dbx.pool"))
    XCTAssertFalse(ComponentName.matches("db", in: "feedback"))
  }

  func testFrequencyLiftsOneLevelButNeverToP0() {
    let r = Make.scored(Make.cluster(title: "Redis reconnection failed (attempt <*>)", count: 150))
    XCTAssertEqual(r.priority, "P1")
    XCTAssertEqual(
      r.reasons[1], "Frequent: 150/h over the 1 h window, at or above 100/h: lifted from P2 to P1")
    let critical = Make.scored(
      Make.cluster(title: "CHAT FUNCTIONALITY IS BROKEN", severity: "CRITICAL", count: 500))
    XCTAssertEqual(critical.priority, "P1")
    XCTAssertEqual(
      critical.reasons[1],
      "Frequent: 500/h over the 1 h window, at or above 100/h: already P1, no lift (frequency alone never makes P0)"
    )
  }

  func testRatesUseTheWindowButAtLeastAnHour() {
    let short = Make.scored(
      Make.cluster(title: "Redis reconnection failed", count: 150), windowHours: 3)
    XCTAssertEqual(short.priority, "P2", "150 in 3 h is 50/h, below 100/h")
    XCTAssertEqual(
      short.reasons.first, "ERROR: moderate errors (150 events, 50/h over the 3 h window)")
  }

  func testBurstIsNamed() {
    let r = Make.scored(
      Make.cluster(
        title: "Redis reconnection failed", count: 12,
        histogram: [0, 9, 1, 0, 2, 0, 0, 0, 0, 0, 0, 0]))
    XCTAssertTrue(
      r.reasons.contains(
        "Burst: 9 of 12 events fell in one 5 min bucket starting 2025-09-15T13:05:00Z"),
      "\(r.reasons)")
    let steady = Make.scored(
      Make.cluster(
        title: "Redis reconnection failed", count: 12,
        histogram: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))
    XCTAssertFalse(steady.reasons.contains { $0.hasPrefix("Burst") })
  }

  func testConfigRuleReplacesAndDisablesBuiltIns() {
    let config = Make.config(
      #"""
      {"rules": [{"name": "payments", "priority": "P1", "contains": "payment declined", "min_severity": "ERROR",
                  "label": "payments", "says": "customers cannot pay"},
                 {"name": "cosmetic", "priority": "P2", "contains": "favicon", "says": "the icon is missing"}],
       "disable_rules": ["container-exit"]}
      """#)
    let pay = Make.scored(
      Make.cluster(title: "Stripe: payment declined for order <*>", count: 2), config: config)
    XCTAssertEqual(pay.priority, "P1")
    XCTAssertEqual(
      pay.reasons.first,
      "ERROR payments: customers cannot pay (2 events on 1 revision; matched 'payment declined')")
    let icon = Make.scored(
      Make.cluster(title: "GET /favicon.ico → 404", severity: "WARNING", count: 1), config: config)
    XCTAssertEqual(icon.priority, "P2")
    XCTAssertEqual(
      icon.reasons.first,
      "WARNING matches rule 'cosmetic': the icon is missing (1 event on 1 revision; matched 'favicon')"
    )
    let exit = Make.scored(
      Make.cluster(title: "Container called exit(3).", severity: "WARNING", count: 1),
      config: config)
    XCTAssertEqual(exit.priority, "P3")
  }
}
