import GardenKit
import XCTest

final class TimestampTests: XCTestCase {
  func testKeepsNanosecondsAndConvertsOffsets() {
    let t = Timestamp(rfc3339: "2025-09-15T15:04:05.123456789+02:00")
    XCTAssertEqual(t?.rfc3339, "2025-09-15T13:04:05.123456789Z")
    XCTAssertEqual(t?.nanos, 123_456_789)
    XCTAssertEqual(Timestamp(rfc3339: "2024-02-29T00:00:00Z")?.seconds, 1_709_164_800)
    XCTAssertEqual(Timestamp(rfc3339: "1970-01-01T00:00:00.5z")?.rfc3339, "1970-01-01T00:00:00.5Z")
  }

  func testRejectsInvalidTimes() {
    for bad in [
      "2025-13-01T00:00:00Z", "2025-02-30T00:00:00Z", "2025-01-01T24:00:00Z", "2025-01-01",
      "yesterday", "2025-01-01T00:00:00", "2025-01-01T00:00:00.Z",
    ] {
      XCTAssertNil(Timestamp(rfc3339: bad), bad)
    }
  }

  func testFormatsSeconds() {
    XCTAssertEqual(Timestamp.formatSeconds(0), "1970-01-01T00:00:00Z")
    XCTAssertEqual(Timestamp.formatSeconds(1_757_941_200), "2025-09-15T13:00:00Z")
  }
}

final class TimestampRangeTests: XCTestCase {
  /// Found by fuzzing: an offset moved the UTC year out of 0000–9999 and the output could not be read back.
  func testOffsetsCannotLeaveFourDigitYears() {
    XCTAssertNil(Timestamp(rfc3339: "9999-12-31T23:59:59-01:00"))
    XCTAssertNil(Timestamp(rfc3339: "0000-01-01T00:00:00+00:01"))
    XCTAssertEqual(Timestamp(rfc3339: "9999-12-31T22:59:59-01:00")?.rfc3339, "9999-12-31T23:59:59Z")
  }
}
