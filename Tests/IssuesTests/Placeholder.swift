import XCTest
final class IssuesTestsPlaceholder: XCTestCase { func testBuilds() {} }
