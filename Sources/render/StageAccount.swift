// Per-stage accounting from a meta record's counts. The rule: a stage's input count (`*_in`) equals
// its output count (`*_out`) plus every other named count (the rejected lines and each documented
// drop: duplicates, filtered, …). Input and output must count the same kind of thing (records, entries,
// events, lines). garden-cluster states `events_in = events_in_clusters` instead; a cluster meta with
// only `events_in` and `clusters_out` is checked against the events its cluster records hold. Render
// shows the equation and warns when it does not hold.

/// One stage's counts, split into in, out and drops.
struct StageAccount {
  var stage: String
  var input: (String, Int)?
  var output: (String, Int)?
  var drops: [(String, Int)]
  /// Every `*_out` count not used as the output (e.g. `clusters_out`), shown but not added.
  var notes: [(String, Int)]

  /// Nouns that count log data, comparable with each other.
  static let dataNouns = ["records", "entries", "events", "lines"]

  /// Counts that reconcile a stage's input with its output (docs/schema.md, "Counts").
  static let dropNames: Set<String> = ["rejected", "duplicates", "filtered", "joined"]

  /// `clusteredEvents`: the sum of `count` over the cluster records read, used as the cluster
  /// stage's output.
  init(meta: StageMeta, clusteredEvents: Int) {
    stage = meta.stage
    // garden-cluster's contract: every event read lands in exactly one cluster; its rejected lines
    // are records, not events, so they are noted, not added.
    if let ein = meta.count("events_in"), let eic = meta.count("events_in_clusters") {
      input = ("events_in", ein)
      output = ("events_in_clusters", eic)
      drops = []
      notes = meta.counts.filter { $0.0 != "events_in" && $0.0 != "events_in_clusters" }
      return
    }
    let ins = meta.counts.filter { $0.0.hasSuffix("_in") }
    let outs = meta.counts.filter { $0.0.hasSuffix("_out") }
    // Only the documented drop counts are added (docs/schema.md); anything else (per-action or
    // per-filter breakdowns such as `create` or `filtered_service`) is shown as a note.
    drops = meta.counts.filter { Self.dropNames.contains($0.0) }
    let others = meta.counts.filter {
      !$0.0.hasSuffix("_in") && !$0.0.hasSuffix("_out") && !Self.dropNames.contains($0.0)
    }
    func noun(_ k: String) -> String {
      String(k.split(separator: "_").dropLast().joined(separator: "_"))
    }
    let dataIns = ins.filter { Self.dataNouns.contains(noun($0.0)) }
    let dataOuts = outs.filter { Self.dataNouns.contains(noun($0.0)) }
    // Same noun on both sides first (records_in/records_out), then any data in/out pair.
    if let pair = dataIns.lazy.compactMap({ i in
      dataOuts.first { noun($0.0) == noun(i.0) }.map { (i, $0) }
    }).first {
      input = pair.0
      output = pair.1
    } else if let i = dataIns.first, let o = dataOuts.first {
      input = i
      output = o
    } else if let i = dataIns.first(where: { $0.0 == "events_in" }),
      outs.contains(where: { $0.0 == "clusters_out" })
    {
      input = i
      output = ("events in clusters", clusteredEvents)
    } else {
      input = dataIns.first ?? ins.first
      output = nil
    }
    let usedOut = output?.0
    let usedIn = input?.0
    notes = outs.filter { $0.0 != usedOut } + ins.filter { $0.0 != usedIn } + others
  }

  /// in − (out + drops); nil when the stage did not name both ends.
  var unaccounted: Int? {
    guard let i = input, let o = output else { return nil }
    let (r, overflow) = i.1.subtractingReportingOverflow(([o.1] + drops.map(\.1)).saturatingSum)
    return overflow ? Int.max : r
  }

  /// `entries_in 1,240 = events_out 1,228 + rejected 2 + duplicates 4 + filtered 6; clusters_out 7`
  var equation: String {
    func show(_ list: [(String, Int)]) -> String {
      list.map { "\($0.0) \(grouped($0.1))" }.joined(separator: ", ")
    }
    var s: String
    if let i = input, let o = output {
      let rhs = ([o] + drops).map { "\($0.0) \(grouped($0.1))" }.joined(separator: " + ")
      s = "\(i.0) \(grouped(i.1)) \(unaccounted == 0 ? "=" : "≠") \(rhs)"
    } else {
      s = show((input.map { [$0] } ?? []) + drops)
    }
    if !notes.isEmpty { s += (s.isEmpty ? "" : "; ") + show(notes) }
    return s
  }
}
