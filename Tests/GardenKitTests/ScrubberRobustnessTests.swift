import GardenKit
import XCTest

final class ScrubberRobustnessTests: XCTestCase {
  let scrubber = Scrubber()

  /// A line with one of everything, used by several tests below.
  static let everything = [
    "user jane@example.com from 203.0.113.7:443 and 2001:db8::7",
    "token \(Canary.github) jwt \(Canary.jwt) key \(Canary.awsAccess)",
    "Authorization: Bearer abcdef123456 password=hunter2 https://u:pw@h/x",
    "card 4111 1111 1111 1111 phone +14155550123 \(Canary.pem)",
    "?access_token=abcdefgh1234&sig=abc123 Cookie: a=b",
  ].joined(separator: "\n")

  func testScrubbingTwiceEqualsOnce() {
    let once = scrubber.scrub(Self.everything)
    XCTAssertNotEqual(once, Self.everything)
    XCTAssertEqual(scrubber.scrub(once), once)
    XCTAssertEqual(SecretScan.findings(in: once), [])
    for kind in ScrubKind.allCases {
      XCTAssertEqual(scrubber.scrub(kind.placeholder), kind.placeholder)
      XCTAssertEqual(
        scrubber.scrub("x=\(kind.placeholder) password: \(kind.placeholder)"),
        "x=\(kind.placeholder) password: \(kind.placeholder)")
    }
  }

  func testEveryCanaryIsGone() {
    let out = scrubber.scrub(Self.everything)
    for canary in [
      "jane@example.com", "203.0.113.7", "2001:db8::7", Canary.github, Canary.jwt, Canary.awsAccess,
      "abcdef123456", "hunter2", "pw@", "4111 1111", "4155550123", "MIIEvQ", "abcdefgh1234",
      "abc123",
      "a=b",
    ] {
      XCTAssertFalse(out.contains(canary), canary)
    }
    XCTAssertTrue(out.contains("<ipv4>:443"))
  }

  func testCleanTextIsReturnedUnchanged() {
    let lines = [
      "", " ",
      "081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_38865049064139660 terminating",
      "Traceback (most recent call last):\n  File \"/app/main.py\", line 12, in <module>\nValueError: bad",
      "at com.acme.Foo.bar(Foo.java:42)", "GET /api/v1/users/42 -> 503 in 3.66s",
      "req_1757896982382_707_8d30f450 done in 12ms",
    ]
    for line in lines { XCTAssertEqual(scrubber.scrub(line), line) }
  }

  func testOddUnicodeDoesNotCrash() {
    let invalid = String(
      decoding: [0x66, 0xFF, 0xC3, 0x28, 0x40, 0xE2, 0x82, 0x61, 0x2E, 0x69, 0x6F] as [UInt8],
      as: UTF8.self)
    _ = scrubber.scrub(invalid)
    let odd = [
      "é@example.com", "jöhn@exämple.com", "👩‍👩‍👧 a@b.io 👍🏽", "\u{202E}password=abc\u{202C}",
      "\0\0a@b.io\0",
      "Z̷̢̛a̵l̸g̴o̷ 10.0.0.1", "password=пароль123 ok", "token: \"日本語トークン長い\"", "@", "%4", "%40", ":",
      "::", "=",
      "-----BEGIN", "-----BEGIN PRIVATE KEY-----", "+", "(", "ghp_", "eyJ.eyJ.", "1//", "\\n",
      "a\\",
    ]
    for text in odd {
      let out = scrubber.scrub(text)
      XCTAssertEqual(scrubber.scrub(out), out, text)
      XCTAssertEqual(Array(out.utf8).count, out.utf8.count)
    }
    XCTAssertEqual(scrubber.scrub("👍 a@b.io 👍"), "👍 <email> 👍")
    XCTAssertEqual(scrubber.scrub("password=пароль123 ok"), "password=<password> ok")
  }

  func testTenMegabyteLine() {
    let chunk = "request handled for tenant in 12ms status=200 path=/a/b "
    var line = String(repeating: chunk, count: 10_000_000 / chunk.utf8.count + 1)
    line += "mail a@b.io"
    XCTAssertGreaterThan(line.utf8.count, 10_000_000)
    let out = scrubber.scrub(line)
    XCTAssertTrue(out.hasSuffix("mail <email>"))
    XCTAssertEqual(out.utf8.count, line.utf8.count - "a@b.io".utf8.count + "<email>".utf8.count)
    // Pathological shapes that could make a naive scanner quadratic.
    let digits = String(repeating: "1 ", count: 500_000)
    XCTAssertEqual(scrubber.scrub(digits), digits)
    let keys = String(repeating: "token:", count: 200_000)
    XCTAssertEqual(scrubber.scrub(keys), "token:<token>")
    let ats = String(repeating: "a.a@", count: 200_000)
    XCTAssertEqual(scrubber.scrub(scrubber.scrub(ats)), scrubber.scrub(ats))
  }
}
