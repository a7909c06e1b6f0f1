import XCTest

@testable import GardenCluster

/// One test per kind of variable the masker recognises, plus words that must stay literal.
final class MiningMaskerTests: XCTestCase {
  func testNumbers() {
    XCTAssertEqual(masked("retry 3 of 10, load -1.5e3"), "retry <*> of <*>, load <*>")
  }

  func testWordGluedAfterAddressStaysLiteralEvenWhenScrubbed() {
    XCTAssertEqual(masked("10.250.19.102:50010:Got exception"), "<*>:Got exception")
    XCTAssertEqual(masked("<ipv4>:50010:Got exception"), "<*>:Got exception")
  }

  func testHex() {
    XCTAssertEqual(masked("flags=0x1f at ffff3000 obj 2bd79ce"), "flags=<*> at <*> obj <*>")
  }

  func testUUID() {
    XCTAssertEqual(
      masked("[instance: 3f7c9e21-6b4a-4f0d-8e55-0c1d2a3b4c5d] ok"), "[instance: <*>] ok")
    XCTAssertEqual(masked("req-1f0e6a2b-9c11-4d7e-a0f2-5b8c3d2e1a90 done"), "<*> done")
  }

  func testDurations() {
    XCTAssertEqual(masked("took 30.2s then 412ms then 2m3s"), "took <*> then <*> then <*>")
    XCTAssertEqual(masked("lifetime <1 sec, waited 900 seconds"), "lifetime <*>, waited <*>")
  }

  func testSizesWithUnits() {
    XCTAssertEqual(
      masked("close, 2717 bytes (2.65 KB) sent, 276 bytes received"),
      "close, <*> sent, <*> received")
  }

  func testIds() {
    XCTAssertEqual(masked("req_1757896982382_707_8d30f450 by usr_8f3a21c9"), "<*> by <*>")
    XCTAssertEqual(masked("block blk_-3249711809227781266 lost"), "block <*> lost")
  }

  func testPaths() {
    XCTAssertEqual(
      masked("open /var/log/app.log and ./tmp/x and C:\\Temp\\a.txt"), "open <*> and <*> and <*>")
    XCTAssertEqual(masked("GET https://example.com/a?b=c failed"), "GET <*> failed")
  }

  func testIPAddressesWithPorts() {
    XCTAssertEqual(
      masked("from 10.251.107.19:50010 to /10.0.0.1 via [fe80::1]"), "from <*> to <*> via [<*>]")
    XCTAssertEqual(masked("10.251.107.98:50010:Got exception"), "<*>:Got exception")
  }

  func testHostAndClassNames() {
    XCTAssertEqual(masked("resolve proxy.cse.example.edu failed"), "resolve <*> failed")
  }

  func testEmails() {
    XCTAssertEqual(masked("sent to jane.doe@example.com ok"), "sent to <*> ok")
  }

  func testQuotedValues() {
    XCTAssertEqual(masked("tag=\"View Lock\" name='x'"), "tag=\"<*>\" name='<*>'")
    XCTAssertEqual(masked("user \"\" rejected"), "user \"<*>\" rejected")
    XCTAssertEqual(masked("can't stop"), "can't stop")
  }

  func testDatesAndTimes() {
    XCTAssertEqual(masked("at 2024-03-02T10:00:01.100Z and 12:30:48"), "at <*> and <*>")
    XCTAssertEqual(
      masked("connection at Sun Jul 17 12:30:48 2005 closed"), "connection at <*> closed")
    XCTAssertEqual(masked("May the force"), "May the force")
  }

  func testScrubbedPlaceholders() {
    XCTAssertEqual(masked("login <email> from <ipv4> token=<jwt>"), "login <*> from <*> token=<*>")
  }

  func testBooleansAndNull() {
    XCTAssertEqual(masked("ready=true, ws=null enabled: false"), "ready=<*>, ws=<*> enabled: <*>")
  }

  func testEmptyBracketsAreAValue() {
    XCTAssertEqual(
      masked("connection from 1.2.3.4 () at noon"), "connection from <*> (<*>) at noon")
    XCTAssertEqual(masked("call getLocation(): done"), "call getLocation(): done")
  }

  func testWordsWithDigitsAreMaskedForGrouping() {
    XCTAssertEqual(masked("user test9 via ssh2"), "user <*> via <*>")
  }

  func testLiteralWordsStay() {
    XCTAssertEqual(masked("VM Started (Lifecycle Event)"), "VM Started (Lifecycle Event)")
    XCTAssertEqual(
      masked("NameSystem.addStoredBlock: blockMap updated"),
      "NameSystem.addStoredBlock: blockMap updated")
    XCTAssertEqual(
      masked("pam_unix(sshd:auth): check pass; user unknown"),
      "pam_unix(sshd:auth): check pass; user unknown")
  }
}
