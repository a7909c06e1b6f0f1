// Finds clusters that are only symptoms of a startup failure in the same run: a container exit, a
// worker that failed to boot, 5xx responses, when they happen on the same revisions and in the same
// seconds as a cluster that showed a startup sign (and is not itself such a symptom). The symptom
// names its cause (`symptom_of`) and is ranked below it, so the cause is what people see first.

import GardenKit

/// A symptom link: which cluster is the cause and the evidence.
struct SymptomLink: Equatable {
  /// Index of the cause in the run's cluster list.
  var cause: Int
  /// "on the same revision … within 60 s of those failures".
  var evidence: String
}

enum SymptomLinker {
  /// What the linker needs to know about each cluster.
  struct Item {
    var facts: ClusterFacts
    var priority: Priority?
    var startupSign: Bool
  }

  /// Symptom links by cluster index.
  static func link(_ items: [Item], config: ScoreConfig) -> [Int: SymptomLink] {
    let candidate = items.map { item in
      item.priority != nil
        && (config.symptomMatcher.match(item.facts) != nil
          || item.facts.httpStatuses.contains { $0 >= config.symptomHTTPStatusMin })
    }
    let causes = items.indices.filter {
      items[$0].startupSign && !candidate[$0] && items[$0].priority != nil
    }
    .sorted { a, b in
      let pa = items[a].priority ?? .p3
      let pb = items[b].priority ?? .p3
      if pa != pb { return pa < pb }
      let ca = items[a].facts.cluster.count
      let cb = items[b].facts.cluster.count
      if ca != cb { return ca > cb }
      return items[a].facts.cluster.fingerprint < items[b].facts.cluster.fingerprint
    }
    var links: [Int: SymptomLink] = [:]
    for i in items.indices where candidate[i] {
      for j in causes where j != i {
        if let evidence = cooccurrence(
          symptom: items[i].facts, cause: items[j].facts,
          toleranceSeconds: config.thresholds.symptomSeconds)
        {
          links[i] = SymptomLink(cause: j, evidence: evidence)
          break
        }
      }
    }
    return links
  }

  /// Evidence that `symptom` happened with `cause`, or nil.
  static func cooccurrence(symptom s: ClusterFacts, cause c: ClusterFacts, toleranceSeconds: Double)
    -> String?
  {
    var parts: [String] = []
    let sr = Set(s.cluster.revisions)
    let cr = Set(c.cluster.revisions)
    if !sr.isEmpty && !cr.isEmpty {
      let shared = sr.intersection(cr).sorted()
      guard !shared.isEmpty else { return nil }
      let shown = shared.prefix(3).joined(separator: ", ") + (shared.count > 3 ? ", …" : "")
      parts.append("on the same \(shared.count == 1 ? "revision" : "revisions") (\(shown))")
    }
    if let share = bucketShare(symptom: s.cluster, cause: c.cluster) {
      guard share.covered * 2 >= share.total, share.total > 0 else { return nil }
      parts.append(
        "\(share.covered) of \(Phrases.count(share.total, "event")) in the same or next time bucket as those failures"
      )
    } else {
      guard let sf = s.firstSeen, let sl = s.lastSeen, let cf = c.firstSeen, let cl = c.lastSeen
      else {
        return nil
      }
      let tol = Int64(toleranceSeconds.rounded(.up))
      guard sl >= cf.adding(seconds: -tol), sf <= cl.adding(seconds: tol) else { return nil }
      parts.append("within \(Phrases.number(toleranceSeconds)) s of those failures")
    }
    return parts.joined(separator: ", ")
  }

  /// Events of the symptom that fall in a bucket (or a neighbouring one) where the cause has events,
  /// when both histograms use the same bucket size on the same grid; nil otherwise.
  static func bucketShare(symptom: Cluster, cause: Cluster) -> (covered: Int, total: Int)? {
    guard let hs = symptom.histogram, let hc = cause.histogram, hs.bucketSeconds > 0,
      hs.bucketSeconds == hc.bucketSeconds, let ss = Timestamp(rfc3339: hs.start),
      let cs = Timestamp(rfc3339: hc.start)
    else { return nil }
    let delta = ss.seconds - cs.seconds
    let size = Int64(hs.bucketSeconds)
    guard delta % size == 0, abs(delta / size) < 1_000_000 else { return nil }
    let offset = Int(delta / size)
    var covered = 0
    var total = 0
    for (i, n) in hs.counts.enumerated() where n > 0 {
      total += n
      let j = i + offset
      let near = (j - 1...j + 1).contains { k in k >= 0 && k < hc.counts.count && hc.counts[k] > 0 }
      if near { covered += n }
    }
    return (covered, total)
  }
}
