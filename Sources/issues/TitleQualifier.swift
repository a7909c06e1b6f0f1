// Two clusters of one run can carry the same title: the same message logged by several services,
// or once as plain text and once as a failed request. Filed as they are, they would open issues
// nobody can tell apart. The clusters that would be created under one title get a qualifier that
// separates them: their services, then their group, then their fingerprint. An issue keeps the
// qualifier it was filed with on later updates (see `IssueComposer.keepingQualifier`).
import GardenKit

enum TitleQualifier {
  /// Gives every create plan whose title another create plan of the run shares a distinct
  /// qualifier, in its decision, its write and its preview.
  static func separateCreates(_ plans: inout [Plan]) {
    var byTitle: [String: [Int]] = [:]
    for (i, p) in plans.enumerated() where p.decision.action == "create" {
      if let t = p.decision.title { byTitle[t, default: []].append(i) }
    }
    for title in byTitle.keys.sorted() {
      guard let members = byTitle[title], members.count > 1 else { continue }
      let qualifiers = distinct(members.map { plans[$0].facts })
      for (i, q) in zip(members, qualifiers) {
        let qualified = IssueComposer.qualified(title, q)
        plans[i].decision.title = qualified
        plans[i].previewTitle = qualified
        for w in plans[i].writes.indices where plans[i].writes[w].kind == "create" {
          plans[i].writes[w].title = qualified
        }
      }
    }
  }

  /// The shortest qualifiers, from services to group to fingerprint, that tell `facts` apart.
  static func distinct(_ facts: [ClusterFacts]) -> [String] {
    let services = facts.map { f -> String in
      let s = f.cluster.services.sorted()
      if s.isEmpty { return "no service" }
      return s.count <= 2
        ? s.joined(separator: ", ") : s[..<2].joined(separator: ", ") + " +\(s.count - 2)"
    }
    if Set(services).count == facts.count { return services }
    let grouped = zip(services, facts).map { "\($0), \(Self.groupName($1.cluster.group))" }
    if Set(grouped).count == facts.count { return grouped }
    return zip(grouped, facts).map { "\($0), \($1.cluster.fingerprint.prefix(8))" }
  }

  static func groupName(_ group: String) -> String {
    switch group {
    case "request": "requests"
    case "exception": "exceptions"
    default: "log lines"
    }
  }
}
