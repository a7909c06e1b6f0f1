// Assembling plain-text lines into events: C05 (logger.exception + traceback), Java/Go/Node
// joins, blank lines, caps on huge events.
import GardenKit
import XCTest

@testable import GardenParse

final class TextFormatAssemblerTests: XCTestCase {
  private func assemble(_ text: String, maxLines: Int = TextEventAssembler.defaultMaxLines)
    -> [TextEvent]
  {
    var a = TextEventAssembler(defaultYear: 2024, maxLines: maxLines)
    var out: [TextEvent] = []
    for (i, line) in TextLines.split(text).enumerated() {
      if let e = a.feed(String(line), lineNumber: i + 1) { out.append(e) }
    }
    if let e = a.finish() { out.append(e) }
    return out
  }

  /// C05 (fluent-plugin-detect-exceptions#56): the logged line and its traceback are one event.
  func testC05LoggerExceptionJoinsItsTraceback() throws {
    let input = """
      [2024-05-14 09:20:44,120] INFO: worker started pid=311
      [2024-05-14 09:20:44,381] ERROR: 'NoneType' object has no attribute 'options'
      Traceback (most recent call last):
        File "/srv/app/settings.py", line 72, in apply
          value = parent.child.options.flag
      AttributeError: 'NoneType' object has no attribute 'options'
      [2024-05-14 09:20:45,002] INFO: worker idle

      """
    let events = assemble(input)
    XCTAssertEqual(events.count, 3)
    XCTAssertEqual(events.map(\.lines), [1...1, 2...6, 7...7])
    XCTAssertEqual(events.map(\.severity), [.info, .error, .info])
    let e = events[1]
    XCTAssertEqual(e.ts, "2024-05-14T09:20:44.381Z")
    XCTAssertTrue(e.message.hasPrefix("'NoneType' object has no attribute 'options'"))
    let t = try XCTUnwrap(e.trace)
    XCTAssertEqual(t.errorType, "AttributeError")
    XCTAssertEqual(t.errorValue, "'NoneType' object has no attribute 'options'")
    XCTAssertEqual(
      t.frames,
      [
        Frame(
          file: "/srv/app/settings.py", line: 72, function: "apply", module: "app.settings",
          inApp: true)
      ])
    XCTAssertEqual(t.messageBeforeTrace, "'NoneType' object has no attribute 'options'")
    for ev in events {
      XCTAssertFalse(
        ev.message.hasPrefix("Traceback") || ev.message.hasPrefix("File ")
          || ev.message.hasPrefix("AttributeError:"))
    }
    XCTAssertNil(events[0].trace)
    XCTAssertNil(events[2].trace)
    XCTAssertEqual(events[0].message, "worker started pid=311")
  }

  /// An uncaught traceback without a log line is an ERROR event of its own; the INFO line before
  /// it stays apart.
  func testUncaughtTracebackAfterInfoLine() throws {
    let input = """
      2024-05-14 09:20:44,120 INFO worker idle
      Traceback (most recent call last):
        File "/app/main.py", line 3, in <module>
          1 / 0
      ZeroDivisionError: division by zero
      """
    let events = assemble(input)
    XCTAssertEqual(events.map(\.lines), [1...1, 2...5])
    XCTAssertEqual(events[1].severity, .error)
    XCTAssertEqual(events[1].trace?.errorType, "ZeroDivisionError")
  }

  /// Chained Python exception with blank lines inside; blank lines between events are counted.
  func testChainedTracebackKeepsBlankLinesInside() throws {
    let input = """
      ERROR:root:sync failed
      Traceback (most recent call last):
        File "/app/a.py", line 1, in f
      KeyError: 'k'

      During handling of the above exception, another exception occurred:

      Traceback (most recent call last):
        File "/app/a.py", line 3, in g
      ValueError: bad

      INFO:root:next
      """
    var a = TextEventAssembler()
    var events: [TextEvent] = []
    for (i, line) in TextLines.split(input).enumerated() {
      if let e = a.feed(String(line), lineNumber: i + 1) { events.append(e) }
    }
    if let e = a.finish() { events.append(e) }
    XCTAssertEqual(events.map(\.lines), [1...10, 12...12])
    XCTAssertEqual(a.blankLinesSkipped, 1)
    XCTAssertEqual(events[0].trace?.errorType, "ValueError")
    XCTAssertEqual(events[0].trace?.rootCause?.type, "KeyError")
    XCTAssertEqual(
      events[0].message.hasPrefix("sync failed") || events[0].message.hasPrefix("root:sync failed"),
      true)
  }

  /// logback: the exception line and its frames join the ERROR line above.
  func testJavaLogbackJoin() throws {
    let input = """
      2024-05-14 09:20:44.381 ERROR [main] c.a.Checkout - request failed
      java.lang.IllegalStateException: cart empty
      \tat com.acme.shop.Cart.total(Cart.java:88)
      \tat com.acme.shop.CheckoutController.checkout(CheckoutController.java:41)
      2024-05-14 09:20:44.390 INFO [main] c.a.Checkout - next
      """
    let events = assemble(input)
    XCTAssertEqual(events.map(\.lines), [1...4, 5...5])
    XCTAssertEqual(events[0].trace?.errorType, "java.lang.IllegalStateException")
    XCTAssertEqual(events[0].trace?.frames.last?.function, "total")
  }

  /// Go panic with its blank line before the goroutine dump; Node stack under its error line.
  func testGoAndNodeJoin() throws {
    let input = """
      panic: boom

      goroutine 1 [running]:
      main.main()
      \t/app/main.go:4 +0x18
      2024-05-14T09:20:44.381Z Error: connect ECONNREFUSED 10.0.0.1:5432
          at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)
      """
    let events = assemble(input)
    XCTAssertEqual(events.map(\.lines), [1...5, 6...7])
    XCTAssertEqual(events[0].severity, .critical)
    XCTAssertEqual(events[0].trace?.language, .go)
    XCTAssertEqual(events[0].trace?.frames.first?.line, 4)
    XCTAssertEqual(events[1].severity, .error)
    XCTAssertEqual(events[1].trace?.language, .node)
    XCTAssertEqual(events[1].trace?.errorValue, "connect ECONNREFUSED 10.0.0.1:5432")
  }

  /// Cloud Build (real-dumps/06): the failing step lines are ERROR, the rest stay unlevelled.
  func testCloudBuildFailureLines() {
    let input = """
      Step #0: Already have image (with digest): gcr.io/cloud-builders/docker
      Step #0: invalid argument "gcr.io/telegram-signals-205cc/cloud-fxn-image:" for "-t, --tag" flag: invalid reference format
      Step #0: See 'docker build --help'.
      Finished Step #0
      ERROR
      ERROR: build step 0 "gcr.io/cloud-builders/docker" failed: step exited with non-zero status: 125
      """
    let events = assemble(input)
    XCTAssertEqual(events.count, 6)
    XCTAssertEqual(events.map(\.severity), [nil, .error, nil, nil, .error, .error])
  }

  /// A 100k-line traceback: one event, bounded text, header and exception line both kept.
  func testHundredThousandLineTraceIsCapped() throws {
    var a = TextEventAssembler(defaultYear: 2024)
    var events: [TextEvent] = []
    let start = Date()
    if let e = a.feed("2024-05-14 09:20:44,381 ERROR recursion", lineNumber: 1) { events.append(e) }
    if let e = a.feed("Traceback (most recent call last):", lineNumber: 2) { events.append(e) }
    var n = 2
    for i in 0..<50_000 {
      n += 1
      if let e = a.feed("  File \"/app/rec.py\", line \(i + 1), in f", lineNumber: n) {
        events.append(e)
      }
      n += 1
      if let e = a.feed("    return f(x - 1)", lineNumber: n) { events.append(e) }
    }
    n += 1
    if let e = a.feed("RecursionError: maximum recursion depth exceeded", lineNumber: n) {
      events.append(e)
    }
    if let e = a.feed("2024-05-14 09:20:45,000 INFO after", lineNumber: n + 1) { events.append(e) }
    if let e = a.finish() { events.append(e) }
    let elapsed = Date().timeIntervalSince(start)
    XCTAssertEqual(events.count, 2)
    let e = events[0]
    XCTAssertEqual(e.lines, 1...n)
    XCTAssertTrue(e.truncated)
    XCTAssertEqual(e.omittedLines, n - 1 - TextEventAssembler.defaultMaxLines)
    XCTAssertLessThanOrEqual(e.message.utf8.count, TextEventAssembler.defaultMaxBytes + 200)
    XCTAssertEqual(e.message.split(separator: "\n").count, TextEventAssembler.defaultMaxLines + 2)
    let t = try XCTUnwrap(e.trace)
    XCTAssertEqual(t.errorType, "RecursionError")
    XCTAssertEqual(t.frames.last?.line, 50_000)
    XCTAssertEqual(t.frames.first?.line, 1)
    XCTAssertLessThan(elapsed, 10, "0.4 s in a debug build on this machine")
  }

  /// A single multi-megabyte line is cut to the byte cap, at a character boundary.
  func testHugeLineIsCut() throws {
    let line = "2024-05-14T09:20:44Z ERROR " + String(repeating: "é", count: 600_000)
    var a = TextEventAssembler(maxBytes: 1 << 20)
    XCTAssertNil(a.feed(line, lineNumber: 1))
    let e = try XCTUnwrap(a.finish())
    XCTAssertTrue(e.truncated)
    XCTAssertLessThanOrEqual(e.message.utf8.count, 1 << 20)
    XCTAssertTrue(e.message.unicodeScalars.allSatisfy { $0 == "é" })
  }
}
