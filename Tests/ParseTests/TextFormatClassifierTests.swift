// Plain-text line classification: timestamp prefixes, levels (with false positives that must
// not fire), continuation rules.
import GardenKit
import XCTest

@testable import GardenParse

final class TextFormatClassifierTests: XCTestCase {
  private func ts(_ line: String, year: Int = 2024) -> String? {
    TextLineClassifier.timestampPrefix(line, defaultYear: year)?.ts
  }

  func testISOTimestamps() {
    XCTAssertEqual(ts("2024-05-14T09:20:44.381Z GET /"), "2024-05-14T09:20:44.381Z")
    XCTAssertEqual(ts("2024-05-14T09:20:44Z x"), "2024-05-14T09:20:44Z")
    XCTAssertEqual(ts("2024-05-14T09:20:44.123456789Z x"), "2024-05-14T09:20:44.123456789Z")
    XCTAssertEqual(ts("2024-05-14T01:20:44.5+02:00 x"), "2024-05-13T23:20:44.5Z")
    XCTAssertEqual(ts("2024-12-31T22:30:00-0230 x"), "2025-01-01T01:00:00Z")
    XCTAssertEqual(ts("2024-05-14 09:20:44,381 - INFO - x"), "2024-05-14T09:20:44.381Z")
    XCTAssertEqual(ts("[2024-05-14 09:20:44,381] ERROR: x"), "2024-05-14T09:20:44.381Z")
    XCTAssertEqual(
      ts("[2025-08-19 20:57:37 +0000] [1] [INFO] Starting gunicorn"), "2025-08-19T20:57:37Z")
    XCTAssertEqual(ts("2009/11/10 23:00:00 listening"), "2009-11-10T23:00:00Z")
    let p = TextLineClassifier.timestampPrefix(
      "[2024-05-14 09:20:44,120] INFO: worker started pid=311")
    XCTAssertEqual(p?.rest, "INFO: worker started pid=311")
  }

  func testGlogAndSyslogTakeTheYearFromTheCaller() {
    XCTAssertEqual(
      ts("I0514 09:20:44.123456    1234 main.go:42] ready", year: 2023),
      "2023-05-14T09:20:44.123456Z")
    XCTAssertEqual(
      ts("May 14 09:20:44 host sshd[311]: Accepted", year: 2024), "2024-05-14T09:20:44Z")
    XCTAssertEqual(ts("May  4 09:20:44 host cron[1]: run", year: 2024), "2024-05-04T09:20:44Z")
    XCTAssertEqual(ts("Feb 29 00:00:00 host x", year: 2024), "2024-02-29T00:00:00Z")
    XCTAssertNil(ts("Feb 29 00:00:00 host x", year: 2023))  // not a date that year
  }

  func testInvalidOrAbsentTimestampsAreNotGuessed() {
    XCTAssertNil(ts("2024-13-01T00:00:00Z x"))
    XCTAssertNil(ts("2024-02-30 10:00:00 x"))
    XCTAssertNil(ts("2024-05-14T25:00:00Z x"))
    XCTAssertNil(ts("2024-05-14 x"))
    XCTAssertNil(ts("12345678 bytes"))
    XCTAssertNil(ts("Traceback (most recent call last):"))
    XCTAssertNil(ts("Mayday 14 09:20:44"))
    XCTAssertNil(ts(""))
    XCTAssertNil(ts("2024-05-14T09:20:44Zabc"))
  }

  func testLevels() {
    let cases: [(String, Severity)] = [
      ("[2024-05-14 09:20:44,381] ERROR: 'NoneType' object", .error),
      ("2024-05-14 09:20:44,381 - app.db - WARNING - slow query", .warning),
      ("[ERROR] boom", .error),
      ("[warn] deprecated", .warning),
      ("ts=2024 level=error msg=\"db down\"", .error),
      ("ts=2024 msg=\"x\" severity=warn", .warning),
      ("{\"level\":\"error\",\"msg\":\"x\"}", .error),
      ("{\"severity\": \"CRITICAL\", \"message\": \"x\"}", .critical),
      ("E0514 09:20:44.123456    1234 main.go:42] failed", .error),
      ("W0514 09:20:44.123456    1234 main.go:42] slow", .warning),
      ("Step #1: ERROR: failed to push", .error),
      ("ERROR", .error),
      (
        "ERROR: build step 0 \"gcr.io/cloud-builders/docker\" failed: step exited with non-zero status: 125",
        .error
      ),
      (
        "Step #0: invalid argument \"gcr.io/telegram-signals-205cc/cloud-fxn-image:\" for \"-t, --tag\" flag: invalid reference format",
        .error
      ),
      ("WARN: disk 91%", .warning),
      ("FATAL: could not start", .critical),
      ("CRITICAL: CHAT FUNCTIONALITY IS BROKEN", .critical),
      ("Error: connect ECONNREFUSED 10.0.0.1:5432", .error),
      ("npm ERR! code ELIFECYCLE", .error),
      ("<3>kernel: oops", .error),
      ("panic: runtime error: index out of range [5] with length 3", .critical),
      (
        "/workspace/position_manager.py:31: UserWarning: Detected filter using positional arguments.",
        .warning
      ),
      ("2025-05-22 23:55:22,289 - INFO - [technical_analysis.py:223] - Raw pattern", .info),
      ("INFO:root:starting", .info),
    ]
    for (line, want) in cases {
      XCTAssertEqual(TextLineClassifier.level(in: line), want, line)
    }
  }

  func testLevelFalsePositives() {
    let lines = [
      "Build finished: 0 errors, 2 warnings",
      "error_count=0 warning_count=0",
      "completed with no error",
      "Found no ERROR in 12 files",
      "ERROR_COUNT=0",
      "user typed errors in the form",
      "the error rate dropped",
      "Traceback (most recent call last):",
      "TypeError: x is not a function",
      "    at fn (/app/x.js:1:2)",
      "Errors: none",
      "GET /healthz 200 0.8ms",
      "Step #0: Already have image (with digest): gcr.io/cloud-builders/docker",
      "",
    ]
    for line in lines {
      XCTAssertNil(TextLineClassifier.level(in: line), line)
    }
  }

  func testStripLevelPrefix() {
    XCTAssertEqual(
      TextLineClassifier.stripLevelPrefix("ERROR: 'NoneType' object"), "'NoneType' object")
    XCTAssertEqual(TextLineClassifier.stripLevelPrefix("- INFO - [a.py:1] - x"), "[a.py:1] - x")
    XCTAssertEqual(TextLineClassifier.stripLevelPrefix("[warn] deprecated"), "deprecated")
    XCTAssertEqual(TextLineClassifier.stripLevelPrefix("   1234 main.go:42] ready"), "ready")
    XCTAssertEqual(TextLineClassifier.stripLevelPrefix("ERRORS happen"), "ERRORS happen")
    XCTAssertEqual(TextLineClassifier.stripLevelPrefix("worker idle"), "worker idle")
  }

  func testContinuationRules() {
    let c = TextLineClassifier.isContinuation
    let logLine = "[2024-05-14 09:20:44,381] ERROR: 'NoneType' object has no attribute 'options'"
    XCTAssertTrue(c("Traceback (most recent call last):", logLine))
    XCTAssertFalse(c("Traceback (most recent call last):", "[2024-05-14 09:20:44,381] INFO: idle"))
    XCTAssertFalse(c("Traceback (most recent call last):", "ValueError: first trace ended"))
    XCTAssertTrue(
      c("  File \"/srv/app/settings.py\", line 72, in apply", "Traceback (most recent call last):"))
    XCTAssertTrue(
      c(
        "    value = parent.child.options.flag",
        "  File \"/srv/app/settings.py\", line 72, in apply"))
    XCTAssertTrue(
      c("AttributeError: 'NoneType' object has no attribute 'options'", "    value = parent.child"))
    XCTAssertTrue(c("KeyError: 'x'", "  File \"/a.py\", line 1, in f"))
    XCTAssertTrue(
      c("During handling of the above exception, another exception occurred:", "KeyError: 'x'"))
    XCTAssertTrue(
      c(
        "Traceback (most recent call last):",
        "During handling of the above exception, another exception occurred:"))
    XCTAssertTrue(c("\tat com.acme.Cart.total(Cart.java:88)", "java.lang.IllegalStateException: x"))
    XCTAssertTrue(c("Caused by: java.io.IOException: y", "\tat a.B.c(B.java:1)"))
    XCTAssertTrue(c("\t... 12 more", "\tat a.B.c(B.java:1)"))
    XCTAssertTrue(
      c(
        "java.lang.IllegalStateException: cart empty",
        "2024-05-14 09:20:44.381 ERROR [main] c.a.C - failed"))
    XCTAssertFalse(
      c(
        "java.lang.IllegalStateException: cart empty",
        "2024-05-14 09:20:44.381 INFO [main] c.a.C - ok"))
    XCTAssertTrue(c("goroutine 1 [running]:", "panic: boom"))
    XCTAssertTrue(c("main.main()", "goroutine 1 [running]:"))
    XCTAssertTrue(c("main.run(0x1)", "\t/app/main.go:12 +0x1d"))
    XCTAssertTrue(c("    at fn (/app/file.js:10:5)", "TypeError: x is not a function"))
    XCTAssertTrue(c("  indented detail", "anything"))
    XCTAssertFalse(c("[2024-05-14 09:20:45,002] INFO: worker idle", "AttributeError: x"))
    XCTAssertFalse(c("INFO:root:next", "    value = 1"))
    XCTAssertFalse(c("GET /healthz 200 0.8ms", "ZeroDivisionError: division by zero"))
    XCTAssertFalse(c("anything", nil))
  }
}

final class TextTimestampRangeTests: XCTestCase {
  /// Found by fuzzing: the offset moved the year to 10000, which RFC 3339 cannot write.
  func testOffsetCannotPushTheYearPast9999() {
    XCTAssertNil(
      TextLineClassifier.timestampPrefix("9999-12-31T23:59:59-01:00 boom", defaultYear: 2025))
  }
}
