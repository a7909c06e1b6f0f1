// A cluster record as render uses it: the shared model plus the score fields the model does not carry
// (`muted`, `impact`) and the record itself, so the JSON document can pass unknown fields through.

import GardenKit

/// One cluster read from the stream.
struct ClusterEntry {
  var cluster: Cluster
  var record: JSONObject
  /// Position in the input (ties in ordering fall back to it last).
  var inputIndex: Int
  /// `C1`, `C2`, … in rendered order; set by `Worklog`.
  var label = ""
  /// Whether `--focus` matched it.
  var focused = false
  /// What tells it apart from another cluster of the run with the same title; set by `Worklog`.
  var qualifier: String?

  /// The title as plain text shows it, with ` [qualifier]` when the title is shared.
  var displayTitle: String { cluster.title + (qualifier.map { " [\($0)]" } ?? "") }

  /// `displayTitle` as Markdown: the title cut to `max` and made inert, the qualifier after it
  /// (inert too, in plain brackets: the document holds no link definitions for them to hit).
  func markdownTitle(max: Int) -> String {
    MarkdownText.text(cluster.title, max: max)
      + (qualifier.map { " [" + MarkdownText.text($0, max: 60) + "]" } ?? "")
  }

  init(record: JSONObject, inputIndex: Int) {
    self.record = record
    self.inputIndex = inputIndex
    cluster = Cluster(record: record)
  }

  var muted: Bool { record["muted"]?.bool ?? false }
  /// Score's impact statement: a sentence, a list of sentences, or an object of named figures.
  var impact: JSONValue? { record["impact"] }

  /// 0 for P0 … 3 for P3 (P4+ as written); unprioritised (INFO-only) clusters sort after all of them.
  var priorityRank: Int {
    guard let p = cluster.priority, p.first == "P" || p.first == "p", let n = Int(p.dropFirst())
    else { return Int.max }
    return n
  }

  /// `P0`…, or `none` for clusters without a priority.
  var priorityName: String { priorityRank == Int.max ? "none" : "P\(priorityRank)" }

  /// The priority, or the severity for a cluster without one (`P0`, `CRITICAL`).
  var tag: String { priorityName == "none" ? cluster.severity.name : priorityName }

  /// Ordering for every listing: priority, then score, severity, count; fingerprint breaks ties.
  static func precedes(_ a: ClusterEntry, _ b: ClusterEntry) -> Bool {
    if a.priorityRank != b.priorityRank { return a.priorityRank < b.priorityRank }
    let sa = a.cluster.score ?? 0
    let sb = b.cluster.score ?? 0
    if sa != sb { return sa > sb }
    if a.cluster.severity != b.cluster.severity { return a.cluster.severity > b.cluster.severity }
    if a.cluster.count != b.cluster.count { return a.cluster.count > b.cluster.count }
    if a.cluster.fingerprint != b.cluster.fingerprint {
      return a.cluster.fingerprint < b.cluster.fingerprint
    }
    return a.inputIndex < b.inputIndex
  }
}
