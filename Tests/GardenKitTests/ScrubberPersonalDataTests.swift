import GardenKit
import XCTest

final class ScrubberPersonalDataTests: XCTestCase {
  let scrubber = Scrubber()

  func scrub(_ s: String) -> String { scrubber.scrub(s) }

  func assertUnchanged(_ lines: [String], file: StaticString = #filePath, line: UInt = #line) {
    for text in lines { XCTAssertEqual(scrub(text), text, file: file, line: line) }
  }

  func testEmails() {
    XCTAssertEqual(scrub("sent to jane.doe+test@example.co.uk."), "sent to <email>.")
    XCTAssertEqual(scrub("user=bob%40corp.example.com&x=1"), "user=<email>&x=1")
    XCTAssertEqual(scrub("<alice@b.io>, 'carol@d.dev'"), "<<email>>, '<email>'")
    // Same template whatever the address: clustering sees one variable.
    XCTAssertEqual(
      scrub("reset mail for a@b.io failed"), scrub("reset mail for zed.q@other.org failed"))
    assertUnchanged(["mention @octocat", "pkg@1.2.3", "user@localhost", "a@b.c1", "foo@ bar.com"])
  }

  func testIPv4() {
    XCTAssertEqual(scrub("from 203.0.113.7 port 22"), "from <ipv4> port 22")
    XCTAssertEqual(scrub("10.251.73.220:50010 is added"), "<ipv4>:50010 is added")
    XCTAssertEqual(scrub("rhost=218.188.2.4 [173.234.31.186]"), "rhost=<ipv4> [<ipv4>]")
    XCTAssertEqual(scrub("GET http://192.168.1.1/admin"), "GET http://<ipv4>/admin")
    assertUnchanged([
      "version 1.2.3.4 released", "v1.2.3.4", "Chrome/120.0.6099.109", "Foo/1.2.3.4",
      "release 1.2.3 and 1.2.3.4.5", "OID 1.3.6.1.4.1.311", "999.1.1.1", "ratio 0.25.", "10.0.0",
    ])
  }

  func testIPv6() {
    XCTAssertEqual(
      scrub("client 2001:db8:85a3::8a2e:370:7334 connected"), "client <ipv6> connected")
    XCTAssertEqual(scrub("[2001:db8::1]:443"), "[<ipv6>]:443")
    XCTAssertEqual(scrub("from fe80::1ff:fe23:4567:890a%eth0"), "from <ipv6>")
    XCTAssertEqual(scrub("mapped ::ffff:192.0.2.128 ok"), "mapped <ipv6> ok")
    XCTAssertEqual(scrub("full 2001:0db8:0000:0000:0000:ff00:0042:8329"), "full <ipv6>")
    assertUnchanged([
      "at 12:00:00 and 23:59:59.999", "duration 1:02:03", "mac 00:1a:2b:3c:4d:5e",
      "std::vector<int> Foo::Bar dead::beef", "id deadbeefcafebabe", "a :: b", "ratio 3:2",
      "2024-01-15T12:00:00Z",
    ])
  }

  func testCards() {
    XCTAssertEqual(scrub("card 4111111111111111 declined"), "card <card> declined")
    XCTAssertEqual(
      scrub("card 4111 1111 1111 1111, amex 3782-822463-10005"), "card <card>, amex <card>")
    XCTAssertEqual(scrub("pan=5555-5555-5555-4444"), "pan=<card>")
    assertUnchanged([
      "card 4111111111111112 bad luhn",
      "uuid 41111111-1111-1111-1111-111111111111",
      "ts 1757896982382 ns 1757896982382000000",
      "block blk_-6952295868487656571 and blk_4111111111111111",
      "amount 4111111111111111.50",
      "order 4111-1111-11-11-1111",
    ])
  }

  func testPhones() {
    XCTAssertEqual(scrub("sms to +14155550123 failed"), "sms to <phone> failed")
    XCTAssertEqual(scrub("call +44 20 7946 0958."), "call <phone>.")
    XCTAssertEqual(
      scrub("call (415) 555-0123 or 415-555-0199 or 415.555.0142"),
      "call <phone> or <phone> or <phone>")
    XCTAssertEqual(scrub("phone: 4155550123"), "phone: <phone>")
    XCTAssertEqual(scrub(#"{"mobile": "+1 (415) 555-0123"}"#), #"{"mobile": "<phone>"}"#)
    assertUnchanged([
      "at 12:00:00 took 1500ms", "id 4155550123", "offset +0530 and +05:30", "+12 items",
      "2024-01-15 10:30:00", "pid 123-45-6789", "v 415.555.0123.1", "count 1234567890123",
    ])
  }
}
