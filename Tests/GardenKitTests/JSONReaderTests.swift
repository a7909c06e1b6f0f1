import GardenKit
import XCTest

final class JSONReaderTests: XCTestCase {
  func testKeepsNumberTextAndKeyOrder() throws {
    let text = #"{"b":1.50,"a":[true,null,-0,1e+9],"c":"x"}"#
    let v = try JSONReader.parse(text)
    XCTAssertEqual(JSONWriter.string(v), text)
    XCTAssertEqual(v.object?.keys, ["b", "a", "c"])
  }

  func testSurrogatePairDecodesToOneScalar() throws {
    let v = try JSONReader.parse(#""emoji \ud83e\udd17 ok""#)
    XCTAssertEqual(v.string, "emoji \u{1F917} ok")
    XCTAssertEqual(Array(v.string!.utf8)[6..<10], [0xF0, 0x9F, 0xA4, 0x97])
  }

  func testLoneSurrogateBecomesReplacementCharacter() throws {
    XCTAssertEqual(try JSONReader.parse(#""cut \ud83d""#).string, "cut \u{FFFD}")
    XCTAssertEqual(try JSONReader.parse(#""\udc00x""#).string, "\u{FFFD}x")
    XCTAssertEqual(try JSONReader.parse(#""\ud83dA\u0041""#).string, "\u{FFFD}AA")
  }

  func testInvalidUTF8BecomesReplacementCharacter() throws {
    let v = try JSONReader.parse([0x22, 0x61, 0xFF, 0x62, 0xED, 0xA0, 0x80, 0x22])
    XCTAssertEqual(v.string, "a\u{FFFD}b\u{FFFD}\u{FFFD}\u{FFFD}")
  }

  func testDeepNestingIsRejectedNotCrashing() {
    let deep = [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
    XCTAssertThrowsError(try JSONReader.parse(deep)) { e in
      XCTAssertTrue((e as! JSONError).reason.contains("nesting"))
    }
  }

  func testErrorOffsetPointsAtTheFault() {
    XCTAssertThrowsError(try JSONReader.parse(#"{"a":1,}"#)) { e in
      XCTAssertEqual((e as! JSONError).offset, 7)
    }
  }

  func testWriterEscapesControlCharacters() {
    let s = JSONWriter.string(.string("a\"b\\c\n\t\u{01}é"))
    XCTAssertEqual(s, #""a\"b\\c\n\t\u0001é""#)
  }
}

final class ArrayFramerLineTests: XCTestCase {
  /// Found by fuzzing: a backslash before a raw line break hid that line from the count, so every
  /// later entry was reported one line too early.
  func testLineBreakAfterBackslashIsCounted() throws {
    let text = "[\n\"a\\\n\",\n{\"b\":1}\n]\n"
    var framer = JSONArrayFramer(ByteInput(name: "t", bytes: Array(text.utf8)))
    var lines: [Int] = []
    _ = try framer.forEachElement { _, info in
      lines.append(info.line)
      return true
    }
    XCTAssertEqual(lines, [2, 4])
  }
}
