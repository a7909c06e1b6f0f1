// TEMPORARY: stands in for Mining/ (branch `miner`) until it lands; deleted at that merge.
struct MinerConfig { static let `default` = MinerConfig() }
struct KeyRecord: Equatable {
  var key: String
  var count: Int
  var softValues: [String?]
}
struct MiningResult {
  var keyToCluster: [Int]
  var templates: [String]
  var keys: [String]
  func cluster(ofKey k: Int) -> Int { keyToCluster[k] }
  func template(ofCluster c: Int) -> String { templates[c] }
  func maskedKey(_ k: Int) -> String { keys[k] }
  var clusterCount: Int { templates.count }
}
struct TemplateMiner {
  var keys: [String] = []
  var counts: [Int] = []
  var index: [String: Int] = [:]
  init(config: MinerConfig = .default) {}
  mutating func add(_ message: String) -> Int {
    let masked = message.split(separator: " ").map { t in
      t.contains(where: \.isNumber) ? "<*>" : String(t)
    }.joined(separator: " ")
    return add(KeyRecord(key: masked, count: 1, softValues: []))
  }
  mutating func add(_ r: KeyRecord) -> Int {
    if let i = index[r.key] {
      counts[i] += r.count
      return i
    }
    keys.append(r.key)
    counts.append(r.count)
    index[r.key] = keys.count - 1
    return keys.count - 1
  }
  func keyRecord(_ id: Int) -> KeyRecord {
    KeyRecord(key: keys[id], count: counts[id], softValues: [])
  }
  func finalize() -> MiningResult {
    let sorted = Array(Set(keys)).sorted()
    let pos = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, $0) })
    return MiningResult(keyToCluster: keys.map { pos[$0]! }, templates: sorted, keys: keys)
  }
}
