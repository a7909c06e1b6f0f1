// The array framer on pretty-printed input: indentation runs of every length (the framer skips
// spaces eight at a time), spaces inside strings, and line numbers across them.

import GardenKit
import XCTest

final class JSONArrayFramerTests: XCTestCase {
  /// Elements with 0…40 spaces of indentation between and inside them frame to exactly their own
  /// bytes, at the right lines; spaces inside strings are never taken for indentation.
  func testIndentationRunsOfEveryLengthFrameExactly() throws {
    var expected: [String] = []
    var lines: [Int] = []
    var text = "["
    var line = 1
    for k in 0...40 {
      let pad = String(repeating: " ", count: k)
      let element =
        "{\n" + pad + "\"msg\": \"a" + pad + "}\\\"" + pad + "\",\n" + pad + "\"n\":" + pad
        + "[1," + pad + "{\"x\":" + pad + "2}]" + pad + "\n" + pad + "}"
      text += "\n" + pad
      line += 1
      lines.append(line)
      expected.append(element)
      text += element + pad + (k == 40 ? "" : ",")
      line += element.filter { $0 == "\n" }.count
    }
    text += "\n]\n"
    var framer = JSONArrayFramer(ByteInput(name: "pretty.json", bytes: Array(text.utf8)))
    var got: [String] = []
    var gotLines: [Int] = []
    let end = try framer.forEachElement { buf, info in
      got.append(String(decoding: buf, as: UTF8.self))
      gotLines.append(info.line)
      return true
    }
    XCTAssertEqual(end, .complete)
    XCTAssertEqual(got, expected)
    XCTAssertEqual(gotLines, lines)
    for e in got { XCTAssertNoThrow(try JSONReader.parse(Array(e.utf8)), e) }
  }

  /// An element cut off inside a run of indentation is truncated, and the complete ones before it
  /// are kept.
  func testCutInsideIndentationKeepsTheCompleteElements() throws {
    let text = "[\n  {\"a\": 1},\n  {\"b\":" + String(repeating: " ", count: 30)
    var framer = JSONArrayFramer(ByteInput(name: "cut.json", bytes: Array(text.utf8)))
    var got: [String] = []
    let end = try framer.forEachElement { buf, _ in
      got.append(String(decoding: buf, as: UTF8.self))
      return true
    }
    XCTAssertEqual(got, ["{\"a\": 1}"])
    guard case .truncated = end else { return XCTFail("expected truncated, got \(end)") }
  }
}
