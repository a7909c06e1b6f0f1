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
      let qualifiers = ClusterQualifier.distinct(members.map { plans[$0].facts.cluster })
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
}
