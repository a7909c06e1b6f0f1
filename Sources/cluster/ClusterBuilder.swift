// Turns finalized scopes into cluster records: fingerprint, aliases, title, template, origin, counts,
// time histogram on one shared bucket grid, samples and search keywords.

import GardenKit

/// One finished cluster before it is written: the record plus the members it came from.
struct BuiltCluster {
  var cluster: Cluster
  /// Member keys (miner key id and aggregate), by signature.
  var members: [(id: Int, stats: KeyStats)]
  /// Index of the scope in the grouper.
  var scope: Int
}

struct ClusterBuilder {
  /// Bucket size in seconds; nil chooses one from the window.
  var bucketSeconds: Int?
  var maxSamples: Int

  /// Most buckets a histogram gets; a longer window gets wider buckets.
  static let maxBuckets = 288

  /// Buckets: 5 minutes up to 2 hours, 15 minutes up to 12 hours, an hour up to 4 days, else a day.
  static func autoBucket(span: Int64) -> Int {
    switch span {
    case ..<7_200: return 300
    case ..<43_200: return 900
    case ..<345_600: return 3_600
    default: return 86_400
    }
  }

  func build(_ grouper: inout Grouper) -> [BuiltCluster] {
    var built: [BuiltCluster] = []
    var first: Timestamp?
    var last: Timestamp?
    for s in grouper.scopes.indices {
      for st in grouper.scopes[s].keys.values {
        if let f = st.first, first == nil || f < first! { first = f }
        if let l = st.last, last == nil || last! < l { last = l }
      }
    }
    var bucket =
      bucketSeconds ?? Self.autoBucket(span: (last?.seconds ?? 0) - (first?.seconds ?? 0))
    var start: Int64 = 0
    var nBuckets = 0
    if let first, let last {
      while true {
        start = Self.floor(first.seconds, bucket)
        nBuckets = Int((Self.floor(last.seconds, bucket) - start) / Int64(bucket)) + 1
        if nBuckets <= Self.maxBuckets { break }
        bucket *= 2
      }
    }
    let results = grouper.finalize()
    for s in grouper.scopes.indices {
      let result = results[s]
      var members: [Int: [(id: Int, stats: KeyStats)]] = [:]
      for (k, st) in grouper.scopes[s].keys {
        members[result.cluster(ofKey: k), default: []].append((k, st))
      }
      for (c, list) in members {
        let stats = list.map(\.stats)
        let template = grouper.scopes[s].label ?? result.template(ofCluster: c)
        var cl = makeCluster(scope: grouper.scopes[s], template: template, members: stats)
        if nBuckets > 0 {
          var counts = [Int](repeating: 0, count: nBuckets)
          for st in stats {
            for (minute, n) in st.minutes {
              let i = Int((Self.floor(minute * 60, bucket) - start) / Int64(bucket))
              if i >= 0 && i < nBuckets { counts[i] += n }
            }
          }
          cl.histogram = Histogram(
            start: Timestamp.formatSeconds(start), bucketSeconds: bucket, counts: counts)
        }
        built.append(
          BuiltCluster(
            cluster: cl, members: list.sorted { $0.stats.signature < $1.stats.signature }, scope: s)
        )
      }
    }
    // Most events first; the fingerprint breaks ties so the order never depends on hashing.
    return built.sorted {
      $0.cluster.count != $1.cluster.count
        ? $0.cluster.count > $1.cluster.count : $0.cluster.fingerprint < $1.cluster.fingerprint
    }
  }

  static func floor(_ v: Int64, _ b: Int) -> Int64 {
    let b = Int64(b)
    return v >= 0 ? v / b * b : (v - b + 1) / b * b
  }

  func makeCluster(scope: Scope, template: String, members: [KeyStats]) -> Cluster {
    var c = Cluster()
    c.group = scope.group
    c.template =
      scope.group == "exception" ? ((scope.errorType.map { $0 + ": " } ?? "") + template) : template
    c.fingerprint = Fingerprint.of(scope.canonical + "\u{1F}" + template)
    c.signatures = Array(Set(members.map(\.signature) + [c.fingerprint])).sorted()
    var samples = SampleSet()
    var sev = [Int](repeating: 0, count: Severity.allCases.count)
    var services = Set<String>()
    var revisions = Set<String>()
    var loggers = Set<String>()
    for m in members {
      c.count += m.count
      samples.absorb(m.samples)
      for i in sev.indices { sev[i] += m.severityCounts[i] }
      services.formUnion(m.services)
      revisions.formUnion(m.revisions)
      loggers.formUnion(m.loggers)
      if let f = m.first, c.firstSeen.flatMap({ Timestamp(rfc3339: $0) }).map({ f < $0 }) ?? true {
        c.firstSeen = f.rfc3339
      }
      if let l = m.last, c.lastSeen.flatMap({ Timestamp(rfc3339: $0) }).map({ $0 < l }) ?? true {
        c.lastSeen = l.rfc3339
      }
    }
    for (i, s) in Severity.allCases.enumerated().reversed() where sev[i] > 0 {
      if c.severityCounts.isEmpty { c.severity = s }
      c.severityCounts.append((s.name, sev[i]))
    }
    c.services = Array(services.sorted().prefix(KeyStats.maxNames))
    c.revisions = Array(revisions.sorted().prefix(KeyStats.maxNames))
    c.loggers = Array(loggers.sorted().prefix(KeyStats.maxNames))
    let chosen = samples.all
    c.samples = Array(chosen.prefix(maxSamples)).map(\.record)
    let exemplar = samples.worst ?? chosen.first
    if scope.group == "exception" {
      c.errorType = scope.errorType
      c.errorValue = exemplar?.errorValue
      let own = ExceptionSignature.ownFrames(exemplar?.frames ?? [], limit: 5)
      c.frames = own
      c.origin = own.last ?? exemplar?.location
    } else {
      c.origin = exemplar?.location
      c.frames = []
    }
    c.title = Title.make(
      errorType: c.errorType, origin: c.origin, template: c.template, group: c.group)
    c.keywords = Keywords.make(cluster: c, service: scope.service)
    return c
  }
}
