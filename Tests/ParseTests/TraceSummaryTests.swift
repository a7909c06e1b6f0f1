// The cheap check in front of the trace parsers must let every trace through, whatever its
// indentation, and keep plain multi-line messages away from them.
import XCTest

@testable import GardenParse

final class TraceSummaryTests: XCTestCase {
  func javaTrace(indent: String) -> String {
    "java.lang.IllegalStateException: pool closed\n"
      + "\(indent)at com.acme.db.Pool.get(Pool.java:88)\n"
      + "\(indent)at com.acme.api.Handler.run(Handler.java:12)\n"
  }

  func testJavaFramesAreFoundWithAnyIndentation() {
    for indent in ["\t", "    ", "   ", "        ", " ", ""] {
      let t = TraceSummary.read(javaTrace(indent: indent))
      XCTAssertEqual(
        t?.errorType, "java.lang.IllegalStateException", "indent \(indent.debugDescription)")
      XCTAssertEqual(t?.frames.count, 2, "indent \(indent.debugDescription)")
    }
  }

  func testPythonTraceWithoutItsHeaderLineStillPasses() {
    let text = "   File \"/app/main.py\", line 3, in <module>\n     run()\nValueError: bad\n"
    XCTAssertTrue(TraceSummary.hasMarker(text))
  }

  func testHeadersAndMarkersAnywhere() {
    XCTAssertTrue(TraceSummary.hasMarker("boom\nTraceback (most recent call last):\n"))
    XCTAssertTrue(TraceSummary.hasMarker("panic: x\n\ngoroutine 1 [running]:\n"))
    XCTAssertTrue(TraceSummary.hasMarker("flattened:\tat a.B.c(B.java:1)\n"))
  }

  func testPlainMessagesAreNotTraces() {
    XCTAssertFalse(TraceSummary.hasMarker("at com.acme.Pool.get(Pool.java:88) but on one line"))
    XCTAssertFalse(TraceSummary.hasMarker("Request failed\nretrying in 5s\nattempt 2 of 3"))
    XCTAssertNil(TraceSummary.read("Request failed\nretrying in 5s\n"))
  }
}
