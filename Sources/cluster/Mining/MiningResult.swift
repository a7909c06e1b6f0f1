/// The clusters a `TemplateMiner` found. Cluster ids are canonical: clusters are numbered in the
/// byte order of their templates, so the numbering does not depend on message order.
public struct MiningResult: Sendable {
  let clusterOfKey: [Int]
  let templates: [String]
  let keys: [String]
  let keyCounts: [Int]

  /// Number of clusters.
  public var clusterCount: Int { templates.count }

  /// The cluster of the key `key` (an id returned by `TemplateMiner.add`).
  public func cluster(ofKey key: Int) -> Int { clusterOfKey[key] }

  /// The template of cluster `cluster`: the message with variables written as `<*>`.
  public func template(ofCluster cluster: Int) -> String { templates[cluster] }

  /// The masked key `key` as text, variables written as `<*>`.
  public func maskedKey(_ key: Int) -> String { keys[key] }

  /// Messages that had key `key`.
  public func count(ofKey key: Int) -> Int { keyCounts[key] }

  /// The key ids of cluster `cluster`, ascending.
  public func keys(ofCluster cluster: Int) -> [Int] {
    clusterOfKey.indices.filter { clusterOfKey[$0] == cluster }
  }
}
