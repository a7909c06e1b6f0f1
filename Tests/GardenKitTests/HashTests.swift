import GardenKit
import XCTest

/// Pinned vectors: if these change, every fingerprint on every filed issue changes. Don't.
final class HashTests: XCTestCase {
  func testFNV1a64Vectors() {
    XCTAssertEqual(FNV1a64.hash(""), 0xcbf2_9ce4_8422_2325)
    XCTAssertEqual(FNV1a64.hash("a"), 0xaf63_dc4c_8601_ec8c)
    XCTAssertEqual(FNV1a64.hash("foobar"), 0x8594_4171_f739_67e8)
  }

  func testFingerprintIsSixteenHexDigits() {
    XCTAssertEqual(Fingerprint.of(""), "cbf29ce484222325")
    XCTAssertEqual(Fingerprint.hex(0xff), "00000000000000ff")
  }
}
