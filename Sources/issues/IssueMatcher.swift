// Finds the issue that already tracks a cluster, in tiers (docs/issues.md, "Matching"):
//   0 marker     our hidden marker claims the fingerprint or an alias              certain
//   ledger       our ledger recorded this fingerprint's tracking issue             certain
//   1 signature  our issue with the same service, error type and top frame whose
//                template shares ≥ --signature-threshold of its words, no differing
//                status word or status code                                        act, add alias
//   2 similarity a person's issue whose title, body and named entities match       act when strong,
//                                                                                  else only related
// Over-matching hides a problem, under-matching costs one duplicate issue: every tier errs toward
// the duplicate.
import GardenKit

/// Thresholds, all configurable by flags.
struct MatchThresholds {
  /// Tier 1: Jaccard of literal template words.
  var signature = 0.7
  /// Tier 2: score at or above which a human issue is acted on (with an anchor).
  var strong = 0.65
  /// Tier 2: score at or above which a human issue is listed as related.
  var related = 0.35
}

/// One candidate issue and why.
struct IssueMatch {
  var issue: GitHubIssue
  /// `marker`, `ledger`, `signature` or `similarity`.
  var matchedBy: String
  var confidence: Double
  var reason: String
  /// Tier 1: the cluster's fingerprints are not yet in the issue's marker.
  var addAliases = false
}

/// The best match (if any is strong enough to act on) and weaker related issues.
struct MatchOutcome {
  var match: IssueMatch?
  var related: [RelatedIssue] = []
}

/// Matches clusters against one listing.
struct IssueMatcher {
  let thresholds: MatchThresholds
  /// Issues with a trusted marker (they carry the tool's label), with their marker.
  let ownIssues: [(GitHubIssue, Marker)]
  /// Issues written by people (no trusted marker), with their words.
  let humanIssues: [(issue: GitHubIssue, title: Set<String>, all: Set<String>)]
  let weights: TextTokens.Weights
  let byNumber: [Int: GitHubIssue]
  /// Ledger: fingerprint → the issue that tracks it.
  let tracking: [String: Int]

  init(
    listing: IssueListing, label: String, thresholds: MatchThresholds, tracking: [String: Int]
  ) {
    self.thresholds = thresholds
    self.tracking = tracking
    var own: [(GitHubIssue, Marker)] = []
    var human: [(issue: GitHubIssue, title: Set<String>, all: Set<String>)] = []
    var byNumber: [Int: GitHubIssue] = [:]
    for i in listing.issues {
      byNumber[i.number] = i
      if i.hasLabel(in: [label]), let m = Marker.issueMarker(in: i.body) {
        own.append((i, m))
      } else {
        let t = TextTokens.set(i.title)
        human.append((i, t, t.union(TextTokens.set(i.body))))
      }
    }
    ownIssues = own
    humanIssues = human
    self.byNumber = byNumber
    weights = TextTokens.Weights(documents: human.map(\.all))
  }

  /// Deterministic preference among equally good matches: open first, then the lowest number.
  static func prefer(_ a: GitHubIssue, _ b: GitHubIssue) -> Bool {
    if a.isOpen != b.isOpen { return a.isOpen }
    return a.number < b.number
  }

  func match(_ c: ClusterFacts) -> MatchOutcome {
    // Tier 0: exact fingerprint or alias.
    let ids = Set(c.identities)
    let exact = ownIssues.filter { !ids.isDisjoint(with: $0.1.allFingerprints) }
      .map(\.0).sorted(by: Self.prefer)
    if let best = exact.first {
      var m = IssueMatch(
        issue: best, matchedBy: "marker", confidence: 1,
        reason: "its log-gardener marker names this cluster's fingerprint")
      if exact.count > 1 {
        m.reason +=
          " (also claimed by "
          + exact.dropFirst().map { "#\($0.number)" }.joined(separator: ", ") + ")"
      }
      return MatchOutcome(match: m)
    }
    // The ledger: an earlier run acted on this issue for this fingerprint.
    if let n = c.identities.lazy.compactMap({ self.tracking[$0] }).first, let i = byNumber[n] {
      return MatchOutcome(
        match: IssueMatch(
          issue: i, matchedBy: "ledger", confidence: 1,
          reason: "the ledger records #\(n) as the issue tracking this fingerprint"))
    }
    // Tier 1: same structural key, reworded template.
    if let key = c.key {
      var best: (GitHubIssue, Double)?
      for (issue, marker) in ownIssues where marker.key == key {
        guard let tpl = IssueComposer.template(inBody: issue.body) else { continue }
        let other = TextTokens.set(tpl)
        let union = other.union(c.templateTokens)
        guard !union.isEmpty else { continue }
        let j = Double(other.intersection(c.templateTokens).count) / Double(union.count)
        let diff = other.symmetricDifference(c.templateTokens)
        guard j >= thresholds.signature, diff.isDisjoint(with: Self.statusWords),
          !diff.contains(where: { $0.count == 3 && Int($0) != nil })
        else { continue }
        if best == nil || j > best!.1 || (j == best!.1 && Self.prefer(issue, best!.0)) {
          best = (issue, j)
        }
      }
      if let (issue, j) = best {
        var m = IssueMatch(
          issue: issue, matchedBy: "signature", confidence: Self.round(j),
          reason:
            "same service, error type and top frame as its marker, and the templates share \(Self.percent(j)) of their words"
        )
        m.addAliases = true
        return MatchOutcome(match: m)
      }
    }
    // Tier 2: issues written by people.
    var scored: [(IssueMatch, Bool)] = []
    for h in humanIssues {
      let s = score(c, h.title, h.all)
      guard s.score >= thresholds.related else { continue }
      let strong = s.score >= thresholds.strong && s.anchored
      var why =
        "title \(Self.percent(s.title)), cluster words \(Self.percent(s.body)), entities \(Self.percent(s.entities)) found in the issue"
      if s.score >= thresholds.strong && !s.anchored { why += s.anchorMiss }
      scored.append(
        (
          IssueMatch(
            issue: h.issue, matchedBy: "similarity", confidence: Self.round(s.score), reason: why),
          strong
        ))
    }
    scored.sort { a, b in
      if a.1 != b.1 { return a.1 }
      if a.0.confidence != b.0.confidence { return a.0.confidence > b.0.confidence }
      return Self.prefer(a.0.issue, b.0.issue)
    }
    var outcome = MatchOutcome()
    if let first = scored.first, first.1 {
      outcome.match = first.0
      outcome.match?.reason =
        "a person's issue that matches strongly (score \(first.0.confidence) ≥ \(thresholds.strong)): "
        + first.0.reason
    }
    for (m, _) in scored where m.issue.number != outcome.match?.issue.number {
      guard outcome.related.count < 5 else { break }
      outcome.related.append(
        RelatedIssue(
          number: m.issue.number, title: m.issue.title, url: m.issue.url,
          confidence: m.confidence))
    }
    return outcome
  }

  struct Score {
    var score: Double
    var title: Double
    var body: Double
    var entities: Double
    var anchored: Bool
    var anchorMiss: String
  }

  /// The tier-2 score: 0.4·title + 0.4·cluster words + 0.2·entities (0.5/0.5 without entities).
  func score(_ c: ClusterFacts, _ title: Set<String>, _ all: Set<String>) -> Score {
    let t = weights.containment(title, in: c.docTokens)
    let b = weights.containment(c.docTokens, in: all)
    let e =
      c.entities.isEmpty
      ? 0 : Double(c.entities.intersection(all).count) / Double(c.entities.count)
    let s = c.entities.isEmpty ? 0.5 * t + 0.5 * b : 0.4 * t + 0.4 * b + 0.2 * e
    // An anchor keeps shared vocabulary from passing for the same error: the issue must name the
    // error type, or (with no error type) quote most of the message template.
    var anchored: Bool
    var miss = ""
    if let et = c.cluster.errorType.flatMap(TextTokens.normalize) {
      anchored = all.contains(et)
      if !anchored { miss = "; but it never names the error type \(c.cluster.errorType ?? "")" }
    } else {
      let tc = weights.containment(c.templateTokens, in: all)
      anchored = tc >= 0.6
      if !anchored { miss = "; but it quotes only \(Self.percent(tc)) of the message template" }
    }
    return Score(
      score: s, title: t, body: b, entities: e, anchored: anchored, anchorMiss: miss)
  }

  /// State and verb words: templates that differ in one of these are different events.
  static let statusWords: Set<String> = Set(
    [
      "started", "stopped", "paused", "resumed", "failed", "failure", "succeeded", "success",
      "denied", "granted", "timeout", "timed", "rejected", "accepted", "created", "deleted",
      "opened", "closed", "connected", "disconnected", "expired", "invalid", "valid", "missing",
      "found", "enabled", "disabled", "up", "down", "refused", "killed", "exited", "ready",
      "unavailable", "available",
    ].compactMap { TextTokens.normalize($0) })

  static func round(_ x: Double) -> Double { (x * 100).rounded() / 100 }
  static func percent(_ x: Double) -> String { "\(Int((x * 100).rounded()))%" }
}
