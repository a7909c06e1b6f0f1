// Rules that need the whole run or the config's dates: symptoms, mutes, expected noise, impact,
// category and trend against a history, health per component, and the output order.

import GardenKit
import XCTest

@testable import GardenScore

final class RunRulesTests: XCTestCase {
  let failing = [0, 0, 0, 0, 0, 2, 1, 1, 2, 1, 2, 1]
  let revs = ["svc-00043-wz2", "svc-00044-m7r"]

  var cause: JSONObject {
    Make.cluster(
      fp: "ca05e00000000001",
      title: "Critical service validation failed: llm_manager is not available",
      severity: "CRITICAL", count: 10, revisions: revs, loggers: ["app.startup"], histogram: failing
    )
  }

  func testContainerExitIn503sSecondsIsASymptomRankedBelowItsCause() {
    let exit = Make.cluster(
      fp: "e0000000000000e1", title: "Container called exit(3).", severity: "WARNING", count: 10,
      revisions: revs,
      histogram: failing)
    let http = Make.cluster(
      fp: "50300000000000a1", title: "GET /health → 503 in <*>s", count: 20, revisions: revs,
      histogram: [0, 0, 0, 0, 0, 4, 3, 3, 4, 3, 3, 0], httpStatus: 503)
    let result = Make.run([exit, http, cause])
    let byFP = Dictionary(uniqueKeysWithValues: result.clusters.map { ($0.fingerprint, $0.record) })
    XCTAssertEqual(
      result.clusters.map(\.fingerprint),
      ["ca05e00000000001", "e0000000000000e1", "50300000000000a1"])
    XCTAssertEqual(byFP["ca05e00000000001"]?.priority, "P0")
    let e = byFP["e0000000000000e1"]!
    XCTAssertEqual(e.priority, "P1")
    XCTAssertEqual(e["symptom_of"]?.string, "ca05e00000000001")
    XCTAssertEqual(
      e.reasons[1],
      "Symptom of 'Critical service validation failed: llm_manager is not avai…' (ca05e00000000001): on the same revisions (svc-00043-wz2, svc-00044-m7r), 10 of 10 events in the same or next time bucket as those failures; ranked below its cause (P1 instead of P0)"
    )
    let h = byFP["50300000000000a1"]!
    XCTAssertEqual(h.priority, "P2")
    XCTAssertEqual(h["symptom_of"]?.string, "ca05e00000000001")
    XCTAssertTrue(h.reasons[1].hasSuffix("ranked below its cause (its cause is P0)"), h.reasons[1])
  }

  func testExitOnAnotherRevisionIsNotASymptom() {
    let exit = Make.cluster(
      fp: "e0000000000000e1", title: "Container called exit(3).", severity: "WARNING", count: 1,
      revisions: ["svc-00041-vd5"], histogram: failing.map { $0 > 0 ? 0 : 0 } + [])
    let result = Make.run([exit, cause])
    let e = result.clusters.first { $0.fingerprint == "e0000000000000e1" }!.record
    XCTAssertEqual(e.priority, "P0")
    XCTAssertEqual(e["symptom_of"], .null)
  }

  func testExitAtAnotherTimeIsNotASymptom() {
    let exit = Make.cluster(
      fp: "e0000000000000e1", title: "Container called exit(3).", severity: "WARNING", count: 3,
      revisions: revs,
      histogram: [3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    let e = Make.run([exit, cause]).clusters.first { $0.fingerprint == "e0000000000000e1" }!.record
    XCTAssertEqual(e["symptom_of"], .null)
  }

  func testSymptomWithoutHistogramsUsesSeconds() {
    var c = cause
    c["histogram"] = nil
    c["first_seen"] = .string("2025-09-15T13:25:03.118Z")
    c["last_seen"] = .string("2025-09-15T13:56:41.9Z")
    let exit = Make.cluster(
      fp: "e0000000000000e1", title: "Container called exit(3).", severity: "WARNING", count: 10,
      revisions: revs,
      first: "2025-09-15T13:25:03.6Z", last: "2025-09-15T13:56:42.4Z")
    let e = Make.run([exit, c]).clusters.first { $0.fingerprint == "e0000000000000e1" }!.record
    XCTAssertEqual(e["symptom_of"]?.string, "ca05e00000000001")
    XCTAssertTrue(e.reasons[1].contains("within 60 s of those failures"), e.reasons[1])
  }

  func testMuteKeepsPriorityUntilItExpires() {
    let config = Make.config(
      #"{"mutes": [{"contains": "token expired", "until": "2025-09-15", "reason": "tracked in #52"}]}"#
    )
    let jwt = Make.cluster(
      title: "JWT validation failed: token expired", severity: "WARNING", count: 20)
    let active = Make.run([jwt], config: config, now: Timestamp(rfc3339: "2025-09-15T23:59:59Z")!)
    let r = active.clusters[0].record
    XCTAssertEqual(r["muted"], .bool(true))
    XCTAssertEqual(r.priority, "P2")
    XCTAssertEqual(
      r.reasons[1],
      "Muted until 2025-09-15: tracked in #52 (config mutes[0], matched 'token expired')")
    XCTAssertEqual(active.warnings, [])

    let expired = Make.run([jwt], config: config, now: Timestamp(rfc3339: "2025-09-16T00:00:00Z")!)
    let x = expired.clusters[0].record
    XCTAssertEqual(x["muted"], .bool(false))
    XCTAssertEqual(
      x.reasons[1],
      "A mute expired on 2025-09-15 (tracked in #52, config mutes[0]): no longer muted")
    XCTAssertEqual(
      expired.warnings,
      [
        "config mutes[0] expired on 2025-09-15 (tracked in #52): it no longer applies; remove or extend it"
      ])
  }

  func testExpectedNoiseIsCappedAtP3AndCountsAsWorking() {
    let config = Make.config(
      #"{"expected": [{"regex": "Redis reconnection", "until": "2025-12-31T00:00:00Z", "reason": "Redis is being migrated"}]}"#
    )
    let r = Make.scored(
      Make.cluster(
        title: "Redis reconnection failed (attempt <*>)", count: 30, loggers: ["app.cache"]),
      config: config)
    XCTAssertEqual(r.priority, "P3")
    XCTAssertEqual(r["muted"], .bool(true))
    XCTAssertEqual(r["health"]?.string, "working")
    XCTAssertEqual(
      r.reasons[1],
      "Expected noise until 2025-12-31T00:00:00Z: Redis is being migrated (config expected[0], matched /Redis reconnection/); capped at P3 instead of P2"
    )
  }

  func testImpactComesOnlyFromTheConfig() {
    let config = Make.config(#"{"impact": {"llm_manager": "Chat cannot answer."}}"#)
    XCTAssertEqual(Make.scored(cause, config: config)["impact"]?.string, "Chat cannot answer.")
    XCTAssertEqual(Make.scored(cause)["impact"], .null)
    let info = Make.cluster(title: "LLM Manager initialized", severity: "INFO", count: 3)
    XCTAssertEqual(
      Make.scored(info, config: config)["impact"], .null, "health-only clusters have no impact")
  }

  func testCategoryAndTrendFromHistory() {
    var h = History()
    for run in 1...3 {
      h = h.merging(
        run: [
          History.Sighting(
            fingerprint: "f000000000000001", signatures: ["f000000000000001"], title: "t", count: 5,
            firstSeen: "2025-09-15T1\(run):00:00Z", lastSeen: "2025-09-15T1\(run):30:00Z")
        ], now: Timestamp(rfc3339: "2025-09-15T1\(run):59:00Z")!, hours: 1, keepRuns: 24,
        forgetAfterDays: 90)
    }
    let known = Make.scored(
      Make.cluster(title: "Redis reconnection failed", count: 6, first: "2025-09-15T14:00:00Z"),
      history: h)
    XCTAssertEqual(known["category"]?.string, "known")
    XCTAssertEqual(known["trend"]?.string, "steady")
    XCTAssertTrue(
      known.reasons.contains("Category known: seen in 3 earlier runs since 2025-09-15T11:00:00Z"))
    XCTAssertTrue(
      known.reasons.contains("Trend steady: 6/h now against 5/h on average over the last 3 runs"))

    let rising = Make.scored(
      Make.cluster(title: "Redis reconnection failed", count: 40, first: "2025-09-15T14:00:00Z"),
      history: h)
    XCTAssertEqual(rising["trend"]?.string, "rising")
    XCTAssertEqual(rising.priority, "P1", "rising errors break a major feature")
    XCTAssertEqual(
      rising.reasons.first,
      "ERROR at a rising rate: 40/h now against 5/h on average over the last 3 runs: a major feature is breaking"
    )

    let falling = Make.scored(
      Make.cluster(title: "Redis reconnection failed", count: 1, first: "2025-09-15T14:00:00Z"),
      history: h)
    XCTAssertEqual(falling["trend"]?.string, "steady", "4 events fewer is below trend_min_events")

    let back = Make.scored(
      Make.cluster(title: "Redis reconnection failed", count: 6, first: "2025-09-17T09:00:00Z"),
      history: h)
    XCTAssertEqual(back["category"]?.string, "regression")
    XCTAssertTrue(
      back.reasons.contains(
        "Category regression: absent for 44 h (last seen 2025-09-15T13:30:00Z, back at 2025-09-17T09:00:00Z); regression after 24 h"
      ),
      "\(back.reasons)")

    let alias = Make.scored(
      Make.cluster(
        fp: "f0000000000000ff", title: "Redis reconnection failed", count: 6,
        signatures: ["f000000000000001"]),
      history: h)
    XCTAssertEqual(
      alias["category"]?.string, "known", "an alias in signatures finds the old fingerprint")

    let new = Make.scored(
      Make.cluster(fp: "f0000000000000aa", title: "Something else", count: 6), history: h)
    XCTAssertEqual(new["category"]?.string, "new")
    XCTAssertEqual(new["trend"]?.string, "new")
  }

  func testActiveDevFromConfig() {
    let config = Make.config(
      #"{"active_dev": [{"contains": "SSOT", "reason": "the SSOT migration is in progress"}]}"#)
    let r = Make.scored(
      Make.cluster(
        title: "SSOT WARNING: Found other WebSocket Manager classes", severity: "WARNING", count: 3),
      config: config)
    XCTAssertEqual(r["category"]?.string, "active-dev")
    XCTAssertTrue(
      r.reasons.contains(
        "Category active-dev: the SSOT migration is in progress (config active_dev, matched 'SSOT')"
      ))
  }

  func testHealthPerComponentWithEvidence() {
    let db = Make.cluster(
      fp: "d000000000000001", title: "Database query timed out", count: 30, loggers: ["app.db.pool"]
    )
    let info = Make.cluster(
      fp: "1000000000000001", title: "LLM Manager initialized", severity: "INFO", count: 10,
      loggers: ["app.llm.manager"])
    let result = Make.run([db, info, cause])
    XCTAssertEqual(
      result.health.map { "\($0.status.rawValue) \($0.component.kind) \($0.component.name)" },
      [
        "failing logger app.startup", "failing service svc", "at-risk logger app.db.pool",
        "working logger app.llm.manager",
      ])
    XCTAssertEqual(
      result.health[1].evidence,
      "P0 'Critical service validation failed: llm_manager is not avai…' (10 events); 2 more clusters"
    )
    XCTAssertEqual(result.health[3].evidence, "10 events at INFO or below in 1 cluster")
  }

  func testOrderIsPriorityThenScoreThenCountThenFingerprint() {
    let a = Make.cluster(fp: "b000000000000002", title: "Redis reconnection failed", count: 5)
    let b = Make.cluster(fp: "b000000000000001", title: "Redis reconnection failed", count: 5)
    let c = Make.cluster(fp: "a000000000000001", title: "Hello", severity: "INFO", count: 50)
    let d = Make.cluster(fp: "c000000000000001", title: "Worse errors", count: 60)
    XCTAssertEqual(
      Make.run([c, a, b, d]).clusters.map(\.fingerprint),
      ["c000000000000001", "b000000000000001", "b000000000000002", "a000000000000001"])
  }
}
