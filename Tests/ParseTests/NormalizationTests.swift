// Normalization rules: severities and the level written in text, messages, timestamps, dedup,
// filters, scrubbing, and the real Cloud Build dump whose failure is only in the text.
import Foundation
import GardenKit
import XCTest

@testable import GardenParse

final class NormalizationTests: XCTestCase {
  typealias T = ParseTestSupport

  func normalize(_ json: String) throws -> Event {
    let o = try XCTUnwrap(try JSONReader.parse(json).object)
    return EventNormalizer().normalize(o, src: SourceRef(file: "t")).event
  }

  func testRealCloudBuildFailureIsPromotedToError() throws {
    let run = try T.run([
      try T.sharedFile("data/real-dumps/06_telegram-signals-cloudbuild-badtag.json")
    ])
    XCTAssertEqual(run.status, .ok)
    let errors = run.events.filter { $0["severity"]?.string == "ERROR" }
    let messages = errors.map { $0["message"]?.string ?? "" }
    XCTAssertTrue(
      messages.contains { $0.contains("invalid argument") && $0.contains("\"-t, --tag\" flag") })
    XCTAssertTrue(messages.contains { $0.hasPrefix("ERROR: build step 0") && $0.contains("125") })
    XCTAssertTrue(errors.allSatisfy { $0["platform_severity"]?.string == "INFO" })
    // Lines that state nothing keep the platform's INFO.
    XCTAssertTrue(
      run.events.contains {
        $0["message"]?.string == "FETCHSOURCE" && $0["severity"]?.string == "INFO"
      })
    XCTAssertEqual(run.count("events_out"), 14)
  }

  func testSeverityRules() throws {
    XCTAssertEqual(try normalize(#"{"textPayload":"x"}"#).severity, .default)
    XCTAssertEqual(try normalize(#"{"textPayload":"x","severity":"warn"}"#).severity, .warning)
    XCTAssertEqual(try normalize(#"{"textPayload":"x","severity":500}"#).severity, .error)
    XCTAssertEqual(
      try normalize(#"{"jsonPayload":{"message":"x","level":"fatal"}}"#).severity, .critical)
    XCTAssertEqual(try normalize(#"{"jsonPayload":{"msg":"x","level":50}}"#).severity, .error)
    XCTAssertEqual(
      try normalize(#"{"httpRequest":{"status":503,"requestMethod":"GET"}}"#).severity, .error)
    XCTAssertEqual(try normalize(#"{"httpRequest":{"status":"404"}}"#).severity, .warning)
    // A level in the text beats a missing severity and a captured stream's blanket one…
    let stderr = try normalize(
      #"{"textPayload":"2025-05-22 23:55:22,289 - INFO - [ta.py:223] - ok","severity":"ERROR","logName":"projects/p/logs/run.googleapis.com%2Fstderr"}"#
    )
    XCTAssertEqual(stderr.severity, .info)
    XCTAssertEqual(stderr.platformSeverity, "ERROR")
    XCTAssertEqual(
      try normalize(#"{"textPayload":"E1203 12:00:00.1 1 x.go:1] boom"}"#).severity, .error)
    XCTAssertEqual(try normalize(#"{"textPayload":"level=warn msg=slow"}"#).severity, .warning)
    // …but not a severity the application chose itself.
    let structured = try normalize(
      #"{"textPayload":"[INFO] hi","severity":"ERROR","logName":"projects/p/logs/python"}"#)
    XCTAssertEqual(structured.severity, .error)
    XCTAssertNil(structured.platformSeverity)
  }

  func testMessageFallbacks() throws {
    XCTAssertEqual(try normalize(#"{"textPayload":"boom\n"}"#).message, "boom")
    XCTAssertEqual(try normalize(#"{"jsonPayload":{"msg":"m","other":1}}"#).message, "m")
    XCTAssertEqual(
      try normalize(#"{"jsonPayload":{"error":{"message":"bad thing"}}}"#).message, "bad thing")
    XCTAssertEqual(
      try normalize(
        #"{"httpRequest":{"requestMethod":"GET","requestUrl":"https://h.example/path?q=1","status":503,"latency":"3.66s"}}"#
      ).message,
      "GET /path?q=1 → 503 in 3.66s")
    XCTAssertEqual(
      try normalize(
        #"{"protoPayload":{"methodName":"m.Get","status":{"code":"5","message":"gone"},"authenticationInfo":{"principalEmail":"a@b.co"}}}"#
      ).message,
      "m.Get: NOT_FOUND (5): gone — a@b.co")
    XCTAssertEqual(
      try normalize(
        #"{"protoPayload":{"line":[{"logMessage":"first"},{"logMessage":"second"}],"status":200}}"#
      ).message,
      "first\nsecond")
    XCTAssertEqual(
      try normalize(#"{"jsonPayload":{"@type":"t","cacheId":"x"}}"#).message, "t: cacheId=x")
    // A Cloud Scheduler attempt carries only httpRequest.status: the payload says more than "→ 500".
    XCTAssertEqual(
      try normalize(
        #"{"jsonPayload":{"@type":"type.googleapis.com/google.cloud.scheduler.logging.AttemptFinished","status":"INTERNAL","debugInfo":"URL_UNREACHABLE-UNREACHABLE_5xx"},"httpRequest":{"status":500}}"#
      ).message, "AttemptFinished: debugInfo=URL_UNREACHABLE-UNREACHABLE_5xx status=INTERNAL")
    XCTAssertEqual(
      try normalize(#"{"jsonPayload":{"nested":{"a":1}}}"#).message, #"{"nested":{"a":1}}"#)
    XCTAssertEqual(
      try normalize(#"{"operation":{"id":"op1"}}"#).message, #"{"operation":{"id":"op1"}}"#)
  }

  func testFieldsFromAStructuredPythonEntry() throws {
    let e = try normalize(
      #"""
      {"jsonPayload":{"message":"failed\nTraceback (most recent call last):\n  File \"/app/main.py\", line 3, in run\nValueError: bad","logging.googleapis.com/sourceLocation":{"file":"/usr/lib/python3.11/logging/__init__.py","line":1700,"function":"callHandlers"},"labels":{"module":"main","function":"run","line":"3"}},
       "labels":{"python_logger":"app.jobs","k8s-pod/app":"web"},"sourceLocation":{"file":"/usr/lib/python3.11/logging/__init__.py","line":"1706","function":"callHandlers"},
       "trace":"projects/p/traces/abc","spanId":"7594522753356806489","insertId":"i1","logName":"projects/p/logs/stdout",
       "resource":{"type":"k8s_container","labels":{"container_name":"c","pod_name":"web-1"}}}
      """#)
    XCTAssertEqual(e.logger, "app.jobs")
    XCTAssertEqual(e.service, "web")
    XCTAssertEqual(e.instance, "web-1")
    XCTAssertEqual(e.location, CodeLocation(file: "main", line: 3, function: "run"))
    XCTAssertEqual(e.error?.type, "ValueError")
    XCTAssertEqual(e.error?.value, "bad")
    XCTAssertEqual(e.frames.last?.function, "run")
    XCTAssertEqual(e.severity, .error, "an uncaught exception with no severity is an error")
    XCTAssertEqual(e.trace, "projects/p/traces/abc")
    XCTAssertEqual(e.span, "7594522753356806489")
    XCTAssertEqual(e.log, "stdout")
    XCTAssertEqual(e.labels?["k8s-pod/app"]?.string, "web")
  }

  func testTimestamps() throws {
    func ts(_ s: String) -> String? { TimestampReading.read(s)?.1 }
    XCTAssertEqual(ts("2024-07-28T15:50:21.616951031Z"), "2024-07-28T15:50:21.616951031Z")
    XCTAssertEqual(ts("2024-05-01T12:34:57.5Z"), "2024-05-01T12:34:57.5Z")
    XCTAssertEqual(ts("2020-08-05T14:59:27.259-07:00"), "2020-08-05T21:59:27.259Z")
    XCTAssertEqual(ts("2024-01-01T00:30:00+0100"), "2023-12-31T23:30:00Z")
    XCTAssertEqual(ts("2024-01-15T10:30:00"), "2024-01-15T10:30:00Z")
    XCTAssertEqual(ts("2018-01-26T11:35:11.374UTC"), "2018-01-26T11:35:11.374Z")
    XCTAssertNil(ts("2024-02-30T00:00:00Z"))
    XCTAssertNil(ts("yesterday"))
    let bad = try T.run([
      T.file("badts.ndjson", #"{"textPayload":"x","timestamp":"13/01/2024"}"# + "\n")
    ])
    XCTAssertNil(bad.events.first?["ts"])
    XCTAssertEqual(bad.count("invalid_timestamps"), 1)
    XCTAssertTrue(bad.messages.contains { $0.contains("13/01/2024") })
  }

  /// Without a `timestamp` (or with a null one) the event takes `receiveTimestamp`, the time Cloud
  /// Logging assigns to an entry written without one; an unreadable `timestamp` is not replaced.
  func testReceiveTimestampStandsInForAMissingTimestamp() throws {
    let receive = #""receiveTimestamp":"2022-08-03T14:48:46.538301573Z""#
    XCTAssertEqual(
      try normalize(#"{"textPayload":"x","# + receive + "}").ts, "2022-08-03T14:48:46.538301573Z")
    XCTAssertEqual(
      try normalize(#"{"textPayload":"x","timestamp":null,"# + receive + "}").ts,
      "2022-08-03T14:48:46.538301573Z")
    XCTAssertEqual(
      try normalize(#"{"textPayload":"x","timestamp":"","# + receive + "}").ts,
      "2022-08-03T14:48:46.538301573Z")
    XCTAssertEqual(
      try normalize(#"{"textPayload":"x","receive_timestamp":"2022-08-03T14:48:46Z"}"#).ts,
      "2022-08-03T14:48:46Z")
    XCTAssertEqual(
      try normalize(#"{"textPayload":"x","timestamp":"2022-08-03T14:48:40Z","# + receive + "}").ts,
      "2022-08-03T14:48:40Z")
    let bad = try T.run([
      T.file("badts2.ndjson", #"{"textPayload":"x","timestamp":"13/01/2024","# + receive + "}\n")
    ])
    XCTAssertNil(bad.events.first?["ts"])
    XCTAssertEqual(bad.count("invalid_timestamps"), 1)
    XCTAssertNil(try normalize(#"{"textPayload":"x"}"#).ts)
  }

  func testDedupAndFiltersAreCounted() throws {
    func line(_ id: String, _ ts: String, _ sev: String, _ svc: String) -> String {
      #"{"insertId":"\#(id)","logName":"projects/p/logs/x","timestamp":"\#(ts)","severity":"\#(sev)","textPayload":"m \#(id)","resource":{"type":"cloud_run_revision","labels":{"service_name":"\#(svc)"}}}"#
    }
    let text = [
      line("1", "2024-05-01T10:00:00Z", "ERROR", "api"),
      line("1", "2024-05-01T10:00:00Z", "ERROR", "api"),
      line("2", "2024-05-01T10:00:00Z", "INFO", "api"),
      line("3", "2024-05-01T07:00:00Z", "ERROR", "api"),
      line("4", "2024-05-01T12:00:00Z", "ERROR", "api"),
      line("5", "2024-05-01T10:30:00Z", "ERROR", "web"),
      line("6", "2024-05-01T10:59:59.999999999Z", "CRITICAL", "API"),
    ].joined(separator: "\n")
    let run = try T.run([
      "--min-severity", "error", "--since", "2024-05-01T09:00:00Z", "--until",
      "2024-05-01T12:00:00+01:00",
      "--service", "api", T.file("filters.ndjson", text),
    ])
    XCTAssertEqual(run.status, .ok)
    XCTAssertEqual(run.events.map { $0["id"]?.string }, ["1", "6"])
    XCTAssertEqual(run.count("duplicates"), 1)
    XCTAssertEqual(run.count("filtered_min_severity"), 1)
    XCTAssertEqual(run.count("filtered_since"), 1)
    XCTAssertEqual(run.count("filtered_until"), 1)
    XCTAssertEqual(run.count("filtered_service"), 1)
    XCTAssertEqual(run.count("filtered"), 4)
    let c = { (n: String) in run.count(n) ?? -1 }
    XCTAssertEqual(
      c("entries_in"),
      c("events_out") + c("rejected") + c("duplicates") + c("filtered") + c("joined"))
    XCTAssertEqual(run.meta?["window"]?["start"]?.string, "2024-05-01T10:00:00Z")
    XCTAssertEqual(run.meta?["window"]?["end"]?.string, "2024-05-01T10:59:59.999999999Z")
    XCTAssertEqual(
      run.meta?["severity_counts"], .object(JSONObject(["ERROR": .int(1), "CRITICAL": .int(1)])))
  }

  /// `--service "$SERVICE"` with the variable unset: a usage error, not every event filtered out
  /// with status 0 (found by a trial run).
  func testEmptyServiceIsAUsageError() throws {
    for value in ["", "  "] {
      guard case .run(let args) = Arguments.parse(["--service", value], spec: ParseSpec.spec)
      else { return XCTFail("arguments rejected") }
      XCTAssertThrowsError(try ParseOptions(args)) { e in
        XCTAssertEqual((e as? StageError)?.status, .usage)
        XCTAssertTrue("\(e)".contains("'--service' needs a service name"), "\(e)")
      }
    }
  }

  func testScrubbingIsOnByDefault() throws {
    let text =
      #"{"textPayload":"mail bob@example.com now","labels":{"user":"bob@example.com"},"httpRequest":{"remoteIp":"203.0.113.9:443","requestUrl":"https://h/x?u=bob@example.com"}}"#
    let path = T.file("scrub.ndjson", text + "\n")
    let on = try T.run(["--keep-raw", path]).events.first
    XCTAssertEqual(on?["message"]?.string, "mail <email> now")
    XCTAssertEqual(on?["labels"]?["user"]?.string, "<email>")
    XCTAssertEqual(on?["http"]?["remote_ip"]?.string, "<ipv4>")
    XCTAssertFalse(JSONWriter.string(.object(on ?? JSONObject())).contains("bob@"))
    let off = try T.run(["--no-scrub", path]).events.first
    XCTAssertEqual(off?["message"]?.string, "mail bob@example.com now")
    XCTAssertNil(off?["raw"])
  }

  func testSecretsUnderTellingKeysAndInWarningsAndRejectsAreScrubbed() throws {
    let token = "gh" + "p_" + "Zq3Xv9Lm2Rt8Wp4Ks7Hd1Fg6Jb5Nc0Ya2Ue9"
    let lines = [
      #"{"textPayload":"ok","labels":{"password":"hunter2","db_pass":"Tr0ub4dor&3","apiKey":"k-123456789","token_count":"12345678","auth":"<redacted>","user":"svc"},"jsonPayload":{"extra":{"password":"s3cret!x"}},"sourceLocation":{"file":"/app/\#(token)/main.py","line":"3","function":"run"}}"#,
      #"{"textPayload":"late","timestamp":"bad \#(token)"}"#,
      #"{"broken \#(token)"#,
    ]
    let path = T.file("secret-keys.ndjson", lines.joined(separator: "\n") + "\n")
    let rejects = T.scratch.appendingPathComponent("secret-rejects.ndjson").path
    let run = try T.run(["--keep-raw", "--rejects", rejects, path])
    let e = try XCTUnwrap(run.events.first)
    XCTAssertEqual(e["labels"]?["password"]?.string, "<password>")
    XCTAssertEqual(e["labels"]?["db_pass"]?.string, "<password>")
    XCTAssertEqual(e["labels"]?["apiKey"]?.string, "<secret>")
    XCTAssertEqual(e["labels"]?["token_count"]?.string, "12345678", "not a secret key")
    XCTAssertEqual(e["labels"]?["auth"]?.string, "<redacted>", "already a placeholder")
    XCTAssertEqual(e["labels"]?["user"]?.string, "svc")
    let all = run.records.map { JSONWriter.string(.object($0)) }.joined()
    for secret in ["hunter2", "Tr0ub4dor", "s3cret!x", token] {
      XCTAssertFalse(all.contains(secret), "\(secret) left in the output")
      XCTAssertFalse(run.messages.joined().contains(secret), "\(secret) left on stderr")
    }
    let kept = try String(contentsOfFile: rejects, encoding: .utf8)
    XCTAssertTrue(kept.contains("<github-token>"), kept)
    XCTAssertFalse(kept.contains(token))
    let off = try T.run(["--no-scrub", path])
    XCTAssertEqual(off.events.first?["labels"]?["password"]?.string, "hunter2")
  }

  func testLinesModeGivesOneEventPerLine() throws {
    let text =
      "2024-05-01 10:00:00 INFO started\n\tat continuation\n\n[error] failed to bind\nplain\n"
    let run = try T.run(["--format", "lines", T.file("app.log", text)])
    XCTAssertEqual(run.events.map { $0["src"]?["line"]?.int }, [1, 2, 4, 5])
    XCTAssertEqual(
      run.events.map { $0["severity"]?.string }, ["INFO", "DEFAULT", "ERROR", "DEFAULT"])
    XCTAssertEqual(run.events[1]["message"]?.string, "\tat continuation")
  }

  func testTextModeJoinsTracebacksAndCountsJoinedLines() throws {
    let text = """
      2024-05-01 10:00:00,123 INFO worker started
      2024-05-01 10:00:01,000 ERROR job failed
      Traceback (most recent call last):
        File "/app/jobs.py", line 12, in run
          total = a / b
      ZeroDivisionError: division by zero
      2024-05-01 10:00:02,000 INFO next

      """
    let run = try T.run(["--format", "text", T.file("app-text.log", text)])
    XCTAssertEqual(run.status, .ok)
    XCTAssertEqual(run.events.count, 3)
    XCTAssertEqual(run.events.map { $0["src"]?["line"]?.int }, [1, 2, 7])
    XCTAssertEqual(run.events[1]["severity"]?.string, "ERROR")
    XCTAssertEqual(run.events[1]["error"]?["type"]?.string, "ZeroDivisionError")
    XCTAssertEqual(run.events[1]["frames"]?.array?.last?["function"]?.string, "run")
    XCTAssertEqual(run.events[0]["ts"]?.string, "2024-05-01T10:00:00.123Z")
    XCTAssertEqual(run.count("joined"), 4)
    XCTAssertEqual(run.count("entries_in"), 7)
  }

  func testC09SurrogatesDecodeToOneCharacter() throws {
    let run = try T.run([try T.sharedFile("data/cases/C09.input")])
    XCTAssertEqual(run.status, .ok)
    XCTAssertEqual(run.events.count, 3)
    let byID = Dictionary(
      uniqueKeysWithValues: run.events.map { ($0["id"]?.string ?? "", $0["message"]?.string ?? "") }
    )
    XCTAssertTrue(
      byID["c09-1"]?.contains("emoji \u{1F917} in thread 88") ?? false, byID["c09-1"] ?? "")
    XCTAssertEqual(byID["c09-2"], "café menu sync failed for store “Nord”")
    XCTAssertTrue(byID["c09-3"]?.hasPrefix("preview truncated: Great job") ?? false)
    XCTAssertTrue(byID["c09-3"]?.contains("\u{FFFD}") ?? false)
    for m in byID.values {
      XCTAssertFalse(m.contains("\\ud83e"))
      XCTAssertFalse(
        Array(m.utf8).indices.dropLast().contains { i in
          Array(m.utf8)[i] == 0xED && Array(m.utf8)[i + 1] >= 0xA0
        })
    }
  }
}
