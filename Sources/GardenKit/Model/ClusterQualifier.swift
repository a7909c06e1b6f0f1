// Clusters of one run can share a title (one message from several services, or as a line and as a
// failed request). Readers of a worklog and of issue titles must still tell them apart, so both
// render and issues add the same short qualifier to such titles.

/// Qualifiers that tell clusters with one title apart.
public enum ClusterQualifier {
  /// The shortest qualifiers, from services to group to fingerprint, that tell `clusters` apart:
  /// `api`, `api, worker`, `api, requests`, `api, log lines, 1f3a9c2e`. One per cluster, in order.
  public static func distinct(_ clusters: [Cluster]) -> [String] {
    let services = clusters.map { c -> String in
      let s = c.services.sorted()
      if s.isEmpty { return "no service" }
      return s.count <= 2
        ? s.joined(separator: ", ") : s[..<2].joined(separator: ", ") + " +\(s.count - 2)"
    }
    if Set(services).count == clusters.count { return services }
    let grouped = zip(services, clusters).map { "\($0), \(groupName($1.group))" }
    if Set(grouped).count == clusters.count { return grouped }
    return zip(grouped, clusters).map { "\($0), \($1.fingerprint.prefix(8))" }
  }

  /// For each cluster, its qualifier when another cluster has the same title, else nil.
  public static func forSharedTitles(_ clusters: [Cluster]) -> [String?] {
    var byTitle: [String: [Int]] = [:]
    for (i, c) in clusters.enumerated() { byTitle[c.title, default: []].append(i) }
    var out = [String?](repeating: nil, count: clusters.count)
    for (_, members) in byTitle where members.count > 1 {
      for (i, q) in zip(members, distinct(members.map { clusters[$0] })) { out[i] = q }
    }
    return out
  }

  static func groupName(_ group: String) -> String {
    switch group {
    case "request": "requests"
    case "exception": "exceptions"
    default: "log lines"
    }
  }
}
