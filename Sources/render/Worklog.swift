// The run as the worklog presents it, computed once from the input and the options and shared by every
// output format: clusters in rendered order with their labels (C1, C2, …), the focus split, the window,
// the generated time, entry counts, per-stage accounting and every data-quality warning. Nothing here
// is invented: each figure comes from a meta or cluster record, or is counted from them.

import GardenKit

/// A data-quality warning and the stage it came from.
struct RunWarning: Equatable {
  var stage: String
  var text: String
}

/// The computed worklog.
struct Worklog {
  let options: RenderOptions
  let input: RunInput
  /// Clusters in rendered order (focus matches first); `--only-focus` leaves the others out.
  let clusters: [ClusterEntry]
  /// Clusters matching `--focus` (a prefix of `clusters`).
  let focusCount: Int
  /// Clusters left out by `--only-focus`.
  let droppedByFocus: Int
  let windowStart: Moment?
  let windowEnd: Moment?
  /// Where the window came from: `meta` (parse), `events` (first/last seen) or nil.
  let windowSource: String?
  let generated: Moment?
  /// How `generated` was chosen, for the header.
  let generatedSource: String
  let services: [String]
  let projects: [String]
  /// Entries per severity (most severe first), and whether they come from parse (else from clusters).
  let severityCounts: [(String, Int)]
  let severityFromParse: Bool
  /// Entries read by parse, when it said.
  let entriesRead: Int?
  let accounts: [StageAccount]
  let warnings: [RunWarning]
  let status: ExitStatus
  /// The common time axis of every cluster shown.
  let timeline: Timeline?
  let index: [String: Int]
  let symptomIndexes: [Int: [Int]]

  init(input: RunInput, options: RenderOptions) {
    self.options = options
    self.input = input

    // Order, focus, labels.
    var ordered = input.clusters.sorted(by: ClusterEntry.precedes)
    var focusCount = 0
    var dropped = 0
    if let term = options.focus {
      let m = FocusMatcher(term: term)
      for i in ordered.indices { ordered[i].focused = m.matches(ordered[i].cluster) }
      let hit = ordered.filter(\.focused)
      let rest = ordered.filter { !$0.focused }
      focusCount = hit.count
      ordered = hit + (options.onlyFocus ? [] : rest)
      dropped = options.onlyFocus ? rest.count : 0
    }
    for i in ordered.indices { ordered[i].label = "C\(i + 1)" }
    let qualifiers = ClusterQualifier.forSharedTitles(ordered.map(\.cluster))
    for i in ordered.indices { ordered[i].qualifier = qualifiers[i] }
    clusters = ordered
    self.focusCount = focusCount
    droppedByFocus = dropped

    // Window: parse's own, else the span of the events in clusters.
    let parse = input.metas.filter { $0.stage == "parse" }
    let ws = parse.compactMap(\.windowStart).min()
    let we = parse.compactMap(\.windowEnd).max()
    if ws != nil || we != nil {
      windowStart = ws
      windowEnd = we
      windowSource = "meta"
    } else {
      let first = input.clusters.compactMap {
        $0.cluster.firstSeen.flatMap(Moment.init(rfc3339:))
      }
      let last = input.clusters.compactMap { $0.cluster.lastSeen.flatMap(Moment.init(rfc3339:)) }
      windowStart = first.min()
      windowEnd = last.max()
      windowSource = windowStart == nil && windowEnd == nil ? nil : "events"
    }
    if let now = options.now {
      generated = now
      generatedSource = "--now"
    } else if let we = windowEnd {
      generated = we
      generatedSource = windowSource == "meta" ? "window end" : "last event"
    } else {
      generated = nil
      generatedSource = "not known"
    }

    services = Set(input.clusters.flatMap(\.cluster.services)).sorted()
    var projects = Set(options.project.map { [$0] } ?? [])
    if options.project == nil {
      for c in input.clusters {
        for s in c.cluster.samples {
          if let p = s["resource"]?["labels"]?["project_id"]?.string, !p.isEmpty {
            projects.insert(p)
          }
        }
      }
      for m in input.metas {
        if let p = m.object["project"]?.string { projects.insert(p) }
      }
    }
    self.projects = projects.sorted()

    // Severity counts: parse's (all entries), else summed over clusters.
    var sev: [String: Int] = [:]
    for m in parse {
      for (k, v) in m.severityCounts {
        sev[k.uppercased()] = [sev[k.uppercased()] ?? 0, v].saturatingSum
      }
    }
    severityFromParse = !sev.isEmpty
    if sev.isEmpty {
      for c in input.clusters {
        for (k, v) in c.cluster.severityCounts {
          sev[k.uppercased()] = [sev[k.uppercased()] ?? 0, v].saturatingSum
        }
      }
    }
    severityCounts = sev.sorted { a, b in
      let ra = Severity(name: a.key)?.rawValue ?? -1
      let rb = Severity(name: b.key)?.rawValue ?? -1
      return ra != rb ? ra > rb : a.key < b.key
    }.map { ($0.key, $0.value) }
    let entries = parse.compactMap { $0.count("entries_in") ?? $0.count("records_in") }
    entriesRead = entries.isEmpty ? nil : entries.saturatingSum

    let clustered = input.clusters.map(\.cluster.count).saturatingSum
    accounts = input.metas.map { StageAccount(meta: $0, clusteredEvents: clustered) }

    // Warnings: upstream ones verbatim, then what render itself noticed.
    var w: [RunWarning] = []
    for m in input.metas {
      for text in m.warnings { w.append(RunWarning(stage: m.stage, text: text)) }
      if !m.complete && m.warnings.isEmpty {
        w.append(RunWarning(stage: m.stage, text: "marked its output incomplete"))
      }
    }
    for a in accounts {
      if let gap = a.unaccounted, gap != 0 {
        w.append(
          RunWarning(stage: "render", text: "\(a.stage) counts do not add up: \(a.equation)"))
      }
    }
    if let cm = input.metas.last(where: { $0.stage == "cluster" }),
      let stated = cm.count("events_in_clusters"), stated != clustered
    {
      w.append(
        RunWarning(
          stage: "render",
          text:
            "the cluster records read hold \(grouped(clustered)) events but the cluster stage put \(grouped(stated)) in clusters"
        ))
    }
    if let gap = Self.unclusteredGap(input: input) {
      w.append(RunWarning(stage: "render", text: gap))
    }
    if input.rejected > 0 {
      w.append(
        RunWarning(
          stage: "render",
          text:
            "\(grouped(input.rejected)) input line\(input.rejected == 1 ? " was not a valid record" : "s were not valid records") and left out (reasons on stderr)"
        ))
    }
    for (kind, n) in input.otherKinds {
      w.append(
        RunWarning(
          stage: "render",
          text:
            "\(grouped(n)) '\(kind)' record\(n == 1 ? "" : "s") ignored: render reads meta and cluster records"
        ))
    }
    if input.recordsIn == 0 {
      w.append(RunWarning(stage: "render", text: "the input is empty: no stage wrote anything"))
    } else if input.upstreamIncomplete {
      w.append(
        RunWarning(
          stage: "render",
          text:
            "the input does not end with a meta record: the last stage did not finish, so this worklog is partial"
        ))
    }
    warnings = w
    timeline = Timeline(
      histograms: clusters.compactMap(\.cluster.histogram), window: (windowStart, windowEnd))
    index = Self.makeIndex(clusters)
    symptomIndexes = Self.makeSymptoms(clusters, index)

    // A stage that marked its output incomplete (a truncated export, gcloud cut off) makes the run
    // partial, as the header says; the exit status says it too.
    if input.recordsIn == 0 || input.upstreamIncomplete
      || input.metas.contains(where: { !$0.complete })
    {
      status = .partial
    } else if input.rejected > 0 {
      status = .rejected
    } else {
      status = .ok
    }
  }

  /// A warning when the events parse wrote are not the events the cluster stage read (or, when the
  /// cluster stage does not say, the events its clusters hold plus what it counted as dropped).
  static func unclusteredGap(input: RunInput) -> String? {
    let parsed = input.metas.filter { $0.stage == "parse" }.compactMap { $0.count("events_out") }
    guard !parsed.isEmpty, let cm = input.metas.first(where: { $0.stage == "cluster" }) else {
      return nil
    }
    let events = parsed.saturatingSum
    if let read = cm.count("events_in") {
      return read == events
        ? nil : "parse wrote \(grouped(events)) events but cluster read \(grouped(read))"
    }
    let inClusters = input.clusters.map(\.cluster.count).saturatingSum
    let dropped = cm.counts.filter { !$0.0.hasSuffix("_in") && !$0.0.hasSuffix("_out") }
      .map(\.1).saturatingSum
    return [inClusters, dropped].saturatingSum == events
      ? nil
      : "parse wrote \(grouped(events)) events; the clusters hold \(grouped(inClusters)) and cluster counted \(grouped(dropped)) as dropped"
  }

  /// Clusters with a priority, not muted.
  var prioritized: [ClusterEntry] { clusters.filter { !$0.muted && $0.priorityRank != Int.max } }

  /// Whether garden-score ran: its meta record is in the stream, or some cluster has a priority.
  var scored: Bool {
    input.metas.contains { $0.stage == "score" }
      || input.clusters.contains { $0.cluster.priority != nil }
  }

  /// The problems to lead with: prioritized clusters, or, in an unscored stream, every cluster of
  /// WARNING or worse (in severity and count order).
  var problems: [ClusterEntry] {
    scored ? prioritized : clusters.filter { !$0.muted && $0.cluster.severity >= .warning }
  }

  /// The cluster with a fingerprint (also matched against member signatures).
  func cluster(fingerprint: String) -> ClusterEntry? {
    index[fingerprint].map { clusters[$0] }
  }

  /// Clusters that say they are symptoms of `root`, in rendered order.
  func symptoms(of root: ClusterEntry) -> [ClusterEntry] {
    guard let r = index[root.cluster.fingerprint] else { return [] }
    return (symptomIndexes[r] ?? []).map { clusters[$0] }
  }

  /// Position in `clusters` by fingerprint, then by member signature (lookup only, never iterated).
  static func makeIndex(_ clusters: [ClusterEntry]) -> [String: Int] {
    var index: [String: Int] = [:]
    for (i, c) in clusters.enumerated() where index[c.cluster.fingerprint] == nil {
      index[c.cluster.fingerprint] = i
    }
    for (i, c) in clusters.enumerated() {
      for s in c.cluster.signatures where index[s] == nil { index[s] = i }
    }
    return index
  }

  /// Root position → positions of its symptoms, ascending.
  static func makeSymptoms(_ clusters: [ClusterEntry], _ index: [String: Int]) -> [Int: [Int]] {
    var out: [Int: [Int]] = [:]
    for (i, c) in clusters.enumerated() {
      guard let s = c.cluster.symptomOf, !s.isEmpty, let r = index[s] else { continue }
      out[r, default: []].append(i)
    }
    return out
  }

  /// Length of the window in seconds, when both ends are known and in order.
  var windowSeconds: Int? {
    guard let s = windowStart, let e = windowEnd, e > s else { return nil }
    return e.seconds - s.seconds
  }

  /// The common time axis of every cluster shown.

  /// Shortest span a rate is computed over (garden-score's default min_window_hours).
  static let minimumRateSeconds = 3600

  /// `3.2/min` or `14/h` over the window (else the cluster's own span), or nil when unknown.
  func rate(_ c: ClusterEntry) -> String? {
    var span = windowSeconds
    if span == nil, let f = c.cluster.firstSeen.flatMap(Moment.init(rfc3339:)),
      let l = c.cluster.lastSeen.flatMap(Moment.init(rfc3339:)), l > f
    {
      span = l.seconds - f.seconds
    }
    guard var span, span > 0 else { return nil }
    // As garden-score does (min_window_hours): a short window counts as an hour, so one event in a
    // 26-second export is "1/h", not "2.3/min", and the two stages never disagree.
    span = max(span, Self.minimumRateSeconds)
    let perMinute = Double(c.cluster.count) * 60 / Double(span)
    if perMinute >= 1 { return Self.decimal(perMinute) + "/min" }
    return Self.decimal(perMinute * 60) + "/h"
  }

  /// One decimal below 10, whole numbers above (deterministic, locale-free).
  static func decimal(_ x: Double) -> String {
    guard x.isFinite, x < 1e15 else { return x.isFinite ? "over " + grouped(Int(1e15)) : "?" }
    if x >= 10 { return grouped(Int(x.rounded())) }
    let tenths = Int((x * 10).rounded())
    return "\(tenths / 10).\(tenths % 10)"
  }

  /// A time for display: UTC, and with `--tz` also the local time.
  func timeText(_ t: Moment, withDate: Bool = true) -> String {
    let p = t.parts()
    var s = (withDate ? p.date + " " : "") + p.time + " UTC"
    if let z = options.zone {
      let l = t.parts(offset: z.offset(at: t))
      s +=
        " (" + (withDate && l.date != p.date ? l.date + " " : "") + l.time + " "
        + z.offsetText(at: t) + ")"
    }
    return s
  }

  /// A cluster timestamp in short form: time only when it falls on the window's start date.
  func shortTime(_ text: String?) -> String? {
    guard let text else { return nil }
    guard let t = Moment(rfc3339: text) else {
      return MarkdownSafety.inline(text, maxLength: 40)
    }
    let sameDay = windowStart.map { $0.parts().date == t.parts().date } ?? false
    return timeText(t, withDate: !sameDay)
  }
}
