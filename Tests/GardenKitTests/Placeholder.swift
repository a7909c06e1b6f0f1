import XCTest
final class GardenKitTestsPlaceholder: XCTestCase { func testBuilds() {} }
