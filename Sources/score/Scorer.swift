// Scores one run's clusters as a batch: per-cluster rules (PriorityEngine), then what needs the whole
// run (symptoms), then the config's mutes and expected noise, impact, category, trend, score and
// health. Pure: the same records, config, history and "now" give the same result, byte for byte.

import GardenKit

/// The facts of the run that do not come from a single cluster.
struct RunContext {
  /// "now": --now, else the latest last_seen in the input.
  var now: Timestamp
  /// The window's length in hours, already at least `min_window_hours`.
  var windowHours: Double
  /// The history as read under the lock; nil without --history.
  var history: History?
}

/// One scored cluster, ready to write.
struct ScoredCluster {
  var record: JSONObject
  var priority: Priority?
  var score: Int
  var count: Int
  var fingerprint: String
  var muted: Bool
  var symptomOf: String?
  var health: HealthStatus
  var sighting: History.Sighting
  /// Input position, the last tie-breaker of the sort.
  var index: Int
}

/// The scored run.
struct ScoreResult {
  /// Sorted: priority (P0 first, none last), score desc, count desc, fingerprint.
  var clusters: [ScoredCluster]
  var health: [ComponentHealth]
  var warnings: [String]
}

enum Scorer {
  static func score(_ records: [JSONObject], config: ScoreConfig, run: RunContext) -> ScoreResult {
    let t = config.thresholds
    var warnings: [String] = []
    for m in config.mutes + config.expected where run.now >= m.expires {
      warnings.append(
        "config \(m.key) expired on \(m.until) (\(m.reason)): it no longer applies; remove or extend it"
      )
    }

    // Per cluster: facts, history, rules.
    struct Work {
      var cluster: Cluster
      var facts: ClusterFacts
      var entry: HistoryEntry?
      var trend: TrendResult
      var category: CategoryResult
      var decision: PriorityDecision
    }
    var work: [Work] = []
    let aliasIndex = run.history?.aliasIndex ?? [:]
    for o in records {
      let c = sanitized(Cluster(record: o))
      let facts = ClusterFacts(cluster: c, windowHours: run.windowHours)
      let key = run.history?.key(for: c.fingerprint, signatures: c.signatures, index: aliasIndex)
      let entry = key.flatMap { run.history?.entries[$0] }
      let trend = TrendAnalyzer.trend(
        count: c.count, windowHours: run.windowHours, entry: entry, history: run.history,
        thresholds: t)
      var activeDev: String?
      for m in config.activeDev {
        if let term = m.matcher.match(facts) {
          activeDev = "\(m.reason) (config active_dev, matched \(term))"
          break
        }
      }
      let category = CategoryRule.categorize(
        facts: facts, entry: entry, hasHistory: run.history != nil, activeDev: activeDev,
        thresholds: t)
      let context = RuleContext(
        thresholds: t, criticalComponents: config.criticalComponents, windowHours: run.windowHours,
        trend: trend)
      let decision = PriorityEngine.decide(facts, config: config, context: context)
      work.append(
        Work(
          cluster: c, facts: facts, entry: entry, trend: trend, category: category,
          decision: decision))
    }

    // Whole run: symptoms.
    let links = SymptomLinker.link(
      work.map {
        SymptomLinker.Item(
          facts: $0.facts, priority: $0.decision.priority, startupSign: $0.decision.startupSign)
      }, config: config)

    var scored: [ScoredCluster] = []
    var healthItems: [HealthReport.Item] = []
    for (i, w) in work.enumerated() {
      let c = w.cluster
      var priority = w.decision.priority
      var reasons = w.decision.reasons
      if let burst = BurstDetector.burst(c, thresholds: t) { reasons.append(burst) }

      var symptomOf: String?
      if let link = links[i], let own = priority,
        let causePriority = work[link.cause].decision.priority
      {
        let cause = work[link.cause].cluster
        let ranked = max(own, causePriority.lowered)
        var sentence =
          "Symptom of \(Phrases.quoted(cause.title)) (\(cause.fingerprint)): \(link.evidence); ranked below its cause"
        sentence +=
          ranked != own
          ? " (\(ranked.name) instead of \(own.name))" : " (its cause is \(causePriority.name))"
        reasons.append(sentence)
        priority = ranked
        symptomOf = cause.fingerprint
      }

      var muted = false
      var expected = false
      for m in config.mutes {
        guard let term = m.matcher.match(w.facts) else { continue }
        if run.now < m.expires {
          muted = true
          reasons.append("Muted until \(m.until): \(m.reason) (config \(m.key), matched \(term))")
          break
        }
        reasons.append(
          "A mute expired on \(m.until) (\(m.reason), config \(m.key)): no longer muted")
      }
      for m in config.expected {
        guard let term = m.matcher.match(w.facts) else { continue }
        if run.now < m.expires {
          muted = true
          expected = true
          var sentence =
            "Expected noise until \(m.until): \(m.reason) (config \(m.key), matched \(term))"
          if let p = priority, p < .p3 {
            sentence += "; capped at P3 instead of \(p.name)"
            priority = .p3
          }
          reasons.append(sentence)
          break
        }
        reasons.append(
          "Expected-noise entry expired on \(m.until) (\(m.reason), config \(m.key)): counted as a problem again"
        )
      }

      // Impact describes a problem; a health-only cluster has none.
      var impacts: [String] = []
      for (component, sentence) in config.impact
      where priority != nil
        && ComponentName.firstMatch(component, among: w.facts.componentNames) != nil
      {
        if !impacts.contains(sentence) { impacts.append(sentence) }
      }

      reasons.append(w.category.reason)
      reasons.append(w.trend.reason)
      let breakdown = ScoreFormula.score(
        severity: w.facts.severity, count: c.count, ratePerHour: w.facts.ratePerHour,
        trend: w.trend.trend,
        revisions: c.revisions.count, isSymptom: symptomOf != nil, isMuted: muted, thresholds: t)
      reasons.append(
        breakdown.sentence(
          severityName: w.facts.severityName, count: c.count, rate: w.facts.ratePerHour,
          trendName: w.trend.trend.rawValue, revisions: c.revisions.count))

      let status = HealthStatus.of(priority: priority, expected: expected)
      var o = records[i]
      o["priority"] = priority.map { .string($0.name) } ?? .null
      o["score"] = .int(breakdown.total)
      o["category"] = .string(w.category.category)
      o["health"] = .string(status.rawValue)
      o["trend"] = .string(w.trend.trend.rawValue)
      o["reasons"] = .array(reasons.map { .string($0) })
      o["symptom_of"] = symptomOf.map { .string($0) } ?? .null
      o["impact"] = impacts.isEmpty ? .null : .string(impacts.joined(separator: " "))
      o["muted"] = .bool(muted)

      scored.append(
        ScoredCluster(
          record: o, priority: priority, score: breakdown.total, count: c.count,
          fingerprint: c.fingerprint, muted: muted, symptomOf: symptomOf, health: status,
          sighting: History.Sighting(
            fingerprint: c.fingerprint, signatures: c.signatures, title: c.title, count: c.count,
            firstSeen: c.firstSeen ?? "", lastSeen: c.lastSeen ?? ""),
          index: i))
      healthItems.append(
        HealthReport.Item(
          components: w.facts.components, title: c.title, count: c.count, priority: priority,
          severity: w.facts.severity, status: status))
    }

    scored.sort { a, b in
      let pa = a.priority?.rawValue ?? 9
      let pb = b.priority?.rawValue ?? 9
      if pa != pb { return pa < pb }
      if a.score != b.score { return a.score > b.score }
      if a.count != b.count { return a.count > b.count }
      if a.fingerprint != b.fingerprint { return a.fingerprint < b.fingerprint }
      return a.index < b.index
    }
    return ScoreResult(
      clusters: scored, health: HealthReport.components(healthItems), warnings: warnings)
  }

  /// Largest count the arithmetic trusts: far above any real run, far below overflow.
  static let maxCount = 1 << 40

  /// The cluster with counts clamped to 0…maxCount, so hostile numbers cannot overflow a sum.
  static func sanitized(_ cluster: Cluster) -> Cluster {
    var c = cluster
    c.count = min(max(c.count, 0), maxCount)
    c.severityCounts = c.severityCounts.map { ($0.0, min(max($0.1, 0), maxCount)) }
    if var h = c.histogram {
      h.counts = h.counts.prefix(100_000).map { min(max($0, 0), maxCount) }
      h.bucketSeconds = min(max(h.bucketSeconds, 0), 1 << 32)
      c.histogram = h
    }
    return c
  }
}
