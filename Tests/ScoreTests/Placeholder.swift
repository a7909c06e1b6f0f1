import XCTest
final class ScoreTestsPlaceholder: XCTestCase { func testBuilds() {} }
