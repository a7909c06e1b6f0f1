import XCTest

@testable import GardenCluster

final class MiningTests: XCTestCase {
  func testC01OneDifferingVerbKeepsClustersApart() {
    let runs = [
      MiningFixtures.c01,
      MiningFixtures.messages(MiningFixtures.c01, after: "INFO nova.compute.manager "),
    ]
    for lines in runs {
      let mined = mine(lines)
      XCTAssertEqual(partition(mined.map(\.cluster)), [[1, 3], [2, 4], [5], [6]])
      let templates = Set(mined.map(\.template))
      for verb in ["Started", "Paused", "Resumed", "Stopped"] {
        XCTAssertEqual(templates.filter { $0.contains("VM \(verb) ") }.count, 1, verb)
      }
      XCTAssertFalse(templates.contains { $0.contains("VM <*>") })
      XCTAssertFalse(templates.contains { $0.contains("req-") || $0.contains("3f7c9e21") })
    }
  }

  func testC02MultiWordAndEmptyValueDoNotSplit() {
    let runs = [
      MiningFixtures.c02,
      MiningFixtures.messages(MiningFixtures.c02, after: "]: "),
    ]
    for lines in runs {
      let mined = mine(lines)
      XCTAssertEqual(partition(mined.map(\.cluster)), [[1, 2, 3, 4, 5], [6]])
      XCTAssertTrue(mined[0].template.hasSuffix("Invalid user <*> from <*>"), mined[0].template)
    }
  }

  func testShuffledInputGivesIdenticalResult() {
    var lines = MiningFixtures.c01 + MiningFixtures.c02
    for i in 0..<40 {
      lines.append(
        "Request req_17578969823\(i)_707_8d30f4\(i % 10)0 failed after \(i).\(i % 7)s on attempt \(i % 4)"
      )
      lines.append("User usr_8f3a21c\(i % 10) logged in from 10.0.\(i).7:\(4000 + i)")
      lines.append(
        "Session closed for user \(["root", "news", "cyrus", "test", "alice", "bob"][i % 6])")
      lines.append("cache \(["warm", "cold"][i % 2]) hit ratio \(i)%")
    }
    let reference = mine(lines)
    var rng = SplitMix(state: 42)
    for _ in 0..<5 {
      let order = Array(lines.indices).shuffled(using: &rng)
      let shuffled = mine(order.map { lines[$0] })
      for (position, original) in order.enumerated() {
        XCTAssertEqual(shuffled[position].cluster, reference[original].cluster)
        XCTAssertEqual(shuffled[position].template, reference[original].template)
      }
    }
  }

  func testSameErrorWithDifferentIdsStaysTogether() {
    let lines = [
      "payment failed for req_1757896982382_707_8d30f450 user usr_8f3a21c9 after 30.2s (attempt 1)",
      "payment failed for req_1757896990001_112_0a1b2c3d user usr_00ffaa11 after 412ms (attempt 2)",
      "payment failed for req_1757897000123_9_ffee0011 user usr_1234abcd after 2m3s (attempt 17)",
      "payment failed for req_1757897000999_31_deadbeef user <email> after 1.5h (attempt 3)",
    ]
    let mined = mine(lines)
    XCTAssertEqual(partition(mined.map(\.cluster)), [[1, 2, 3, 4]])
    XCTAssertEqual(mined[0].template, "payment failed for <*> user <*> after <*> (attempt <*>)")
  }

  func testDifferentLiteralWordsStayApart() {
    let mined = mine([
      "connection to db-primary refused", "connection to db-primary reset",
      "connection to db-primary refused", "disk full on /var/lib/data",
    ])
    XCTAssertEqual(partition(mined.map(\.cluster)), [[1, 3], [2], [4]])
  }

  func testKeyRecordsOfShardsMergeIntoTheSingleRunResult() {
    let lines =
      MiningFixtures.c01 + MiningFixtures.c02
      + (0..<30).map { "job \($0 % 3) took \($0)ms on node-\($0 % 5)" }
    var whole = TemplateMiner()
    for l in lines { whole.add(l) }
    var left = TemplateMiner()
    var right = TemplateMiner()
    for (i, l) in lines.enumerated() {
      if i % 3 == 0 { left.add(l) } else { right.add(l) }
    }
    var combined = TemplateMiner()
    for r in left.keyRecords + right.keyRecords { combined.add(r) }
    XCTAssertEqual(combined.keyRecords, whole.keyRecords)
    let a = whole.finalize()
    let b = combined.finalize()
    XCTAssertEqual(a.clusterCount, b.clusterCount)
    XCTAssertEqual(
      (0..<a.clusterCount).map(a.template(ofCluster:)),
      (0..<b.clusterCount).map(b.template(ofCluster:)))
  }

  func testSoftValueIsShownOnlyWhenConstant() {
    let mined = mine([
      "Failed password for root from 10.0.0.1 port 22 ssh2",
      "Failed password for root from 10.0.0.2 port 23 ssh2",
    ])
    XCTAssertEqual(mined[0].template, "Failed password for root from <*> port <*> ssh2")
    let varying = mine(["worker w1 ready", "worker w2 ready"])
    XCTAssertEqual(varying[0].template, "worker <*> ready")
    XCTAssertEqual(varying[0].cluster, varying[1].cluster)
  }

  func testHostileInputDoesNotCrash() {
    var miner = TemplateMiner()
    let huge = String(repeating: "word 12 ", count: 100_000)
    let invalid: [UInt8] = [0xff, 0xfe, 0x20, 0xc3, 0x28, 0x20, 0x22, 0x27, 0x28, 0x5b]
    miner.add("")
    miner.add("   ")
    miner.add(huge)
    miner.add("\"unterminated 'quote (paren [bracket")
    miner.add("()[]{}\"\"''=:@#")
    miner.add(String(decoding: invalid, as: UTF8.self))
    invalid.withUnsafeBufferPointer { _ = miner.add(bytes: $0) }
    let result = miner.finalize()
    XCTAssertGreaterThan(result.clusterCount, 0)
    for c in 0..<result.clusterCount { _ = result.template(ofCluster: c) }
  }

  func testClusterIdsFollowTemplateOrder() {
    var miner = TemplateMiner()
    let k1 = miner.add("zeta happened")
    let k2 = miner.add("alpha happened")
    let result = miner.finalize()
    XCTAssertEqual(result.template(ofCluster: result.cluster(ofKey: k2)), "alpha happened")
    XCTAssertEqual(result.cluster(ofKey: k2), 0)
    XCTAssertEqual(result.cluster(ofKey: k1), 1)
    XCTAssertEqual(result.maskedKey(k1), "zeta happened")
  }
}

/// Runs the miner over `lines` and returns, per line, its cluster id and template.
func mine(_ lines: [String], config: MinerConfig = .default) -> [(cluster: Int, template: String)] {
  var miner = TemplateMiner(config: config)
  let keys = lines.map { miner.add($0) }
  let result = miner.finalize()
  return keys.map {
    (result.cluster(ofKey: $0), result.template(ofCluster: result.cluster(ofKey: $0)))
  }
}

/// The partition of 1-based line numbers induced by the cluster ids, in a canonical form.
func partition(_ clusters: [Int]) -> [[Int]] {
  var groups: [Int: [Int]] = [:]
  for (i, c) in clusters.enumerated() { groups[c, default: []].append(i + 1) }
  return groups.values.map { $0.sorted() }.sorted { $0[0] < $1[0] }
}

/// A small deterministic generator so shuffles are reproducible.
struct SplitMix: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// The masked tokens of one message joined by spaces.
func masked(_ message: String) -> String {
  VariableMasker().maskedTokens(message).joined(separator: " ")
}

enum MiningFixtures {
  /// shared/data/cases/C01.input (Drain3#109): one differing verb must keep clusters apart.
  static let c01 = [
    "2024-03-02 10:00:01.100 4411 INFO nova.compute.manager [req-1f0e6a2b-9c11-4d7e-a0f2-5b8c3d2e1a90 - - - - -] [instance: 3f7c9e21-6b4a-4f0d-8e55-0c1d2a3b4c5d] VM Started (Lifecycle Event)",
    "2024-03-02 10:00:01.180 4411 INFO nova.compute.manager [req-1f0e6a2b-9c11-4d7e-a0f2-5b8c3d2e1a90 - - - - -] [instance: 3f7c9e21-6b4a-4f0d-8e55-0c1d2a3b4c5d] VM Paused (Lifecycle Event)",
    "2024-03-02 10:05:12.004 4411 INFO nova.compute.manager [req-77aa0c3d-1e2f-4a5b-9c8d-7e6f5a4b3c2d - - - - -] [instance: 9b21d4e6-0a1b-4c2d-9e3f-4a5b6c7d8e9f] VM Started (Lifecycle Event)",
    "2024-03-02 10:05:12.090 4411 INFO nova.compute.manager [req-77aa0c3d-1e2f-4a5b-9c8d-7e6f5a4b3c2d - - - - -] [instance: 9b21d4e6-0a1b-4c2d-9e3f-4a5b6c7d8e9f] VM Paused (Lifecycle Event)",
    "2024-03-02 10:09:40.500 4411 INFO nova.compute.manager [req-c3d2e1f0-5a6b-4c7d-8e9f-0a1b2c3d4e5f - - - - -] [instance: 3f7c9e21-6b4a-4f0d-8e55-0c1d2a3b4c5d] VM Resumed (Lifecycle Event)",
    "2024-03-02 10:12:03.777 4411 INFO nova.compute.manager [req-e9012345-6789-4abc-8def-0123456789ab - - - - -] [instance: 9b21d4e6-0a1b-4c2d-9e3f-4a5b6c7d8e9f] VM Stopped (Lifecycle Event)",
  ]

  /// shared/data/cases/C02.input (Drain3#66): a multi-word or empty user name must not split.
  static let c02 = [
    "Mar  4 06:12:01 bastion-1 sshd[24101]: Invalid user admin from 203.0.113.7",
    "Mar  4 06:12:09 bastion-1 sshd[24107]: Invalid user test9 from 198.51.100.23",
    "Mar  4 06:12:15 bastion-1 sshd[24112]: Invalid user oracle from 203.0.113.7",
    "Mar  4 06:12:22 bastion-1 sshd[24118]: Invalid user jane doe from 192.0.2.44",
    "Mar  4 06:12:30 bastion-1 sshd[24125]: Invalid user  from 198.51.100.23",
    "Mar  4 06:12:41 bastion-1 sshd[24131]: Failed password for root from 203.0.113.7 port 50122 ssh2",
  ]

  /// The message part of each line (what a parser hands the miner).
  static func messages(_ lines: [String], after marker: String) -> [String] {
    lines.map { line in
      guard let r = line.range(of: marker) else { return line }
      return String(line[r.upperBound...])
    }
  }
}
