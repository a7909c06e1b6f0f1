// LineFramer: exact lines, CRLF, a last line without a newline, and the size limit enforced
// whether an over-long line arrives in many reads or in one.
import GardenKit
import XCTest

final class LineFramerTests: XCTestCase {
  /// (text or nil, number, oversized length) of every line.
  func frame(_ bytes: [UInt8], max: Int) throws -> [(String?, Int, Int)] {
    var framer = LineFramer(ByteInput(name: "t", bytes: bytes), maxLineBytes: max)
    var out: [(String?, Int, Int)] = []
    try framer.forEachLine { buf, info in
      out.append(
        (
          info.oversizedLength > 0 ? nil : String(decoding: buf, as: UTF8.self), info.number,
          info.oversizedLength
        ))
      return true
    }
    return out
  }

  func testLinesCRLFAndLastLineWithoutNewline() throws {
    let lines = try frame(Array("a\r\nbb\n\nccc".utf8), max: 100)
    XCTAssertEqual(lines.map(\.0), ["a", "bb", "", "ccc"])
    XCTAssertEqual(lines.map(\.1), [1, 2, 3, 4])
  }

  func testLineOverTheLimitIsReportedEvenWhenItArrivesInOneRead() throws {
    // The whole input is one buffer: the line's end is found without a fill in between.
    let long = String(repeating: "x", count: 50)
    let lines = try frame(Array("ok\n\(long)\nafter\n\(long)".utf8), max: 20)
    XCTAssertEqual(lines.count, 4)
    XCTAssertEqual(lines[0].0, "ok")
    XCTAssertNil(lines[1].0)
    XCTAssertEqual(lines[1].2, 50)
    XCTAssertEqual(lines[2].0, "after")
    XCTAssertEqual(lines[2].1, 3)
    XCTAssertNil(lines[3].0, "a last line over the limit without a newline")
    XCTAssertEqual(lines[3].2, 50)
  }

  func testLineAtTheLimitIsHandedOn() throws {
    let exact = String(repeating: "y", count: 20)
    XCTAssertEqual(try frame(Array("\(exact)\n".utf8), max: 20).map(\.0), [exact])
  }
}
