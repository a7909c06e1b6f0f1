// Health per component (service, logger, origin module), from the scored clusters of the run.
// A cluster is `failing` at P0 or P1, `at-risk` at P2, `working` at P3, with no priority
// (INFO/DEBUG/NOTICE only) or as expected noise. A component takes the worst status among the
// clusters that touch it, and its evidence names the clusters that decided it.
// Meta wire form: {"component":"llm-backend","kind":"service","status":"failing","evidence":"…"}.

import GardenKit

/// The three health states, worst first.
enum HealthStatus: String, Comparable {
  case failing
  case atRisk = "at-risk"
  case working

  var rank: Int {
    switch self {
    case .failing: 0
    case .atRisk: 1
    case .working: 2
    }
  }

  static func < (a: HealthStatus, b: HealthStatus) -> Bool { a.rank < b.rank }

  /// A cluster's own status.
  static func of(priority: Priority?, expected: Bool) -> HealthStatus {
    guard let priority, !expected else { return .working }
    switch priority {
    case .p0, .p1: return .failing
    case .p2: return .atRisk
    case .p3: return .working
    }
  }
}

/// One component's health.
struct ComponentHealth: Equatable {
  var component: Component
  var status: HealthStatus
  var evidence: String

  var json: JSONValue {
    .object(
      JSONObject([
        "component": .string(component.name), "kind": .string(component.kind),
        "status": .string(status.rawValue), "evidence": .string(evidence),
      ]))
  }
}

enum HealthReport {
  /// What health needs to know about a scored cluster.
  struct Item {
    var components: [Component]
    var title: String
    var count: Int
    var priority: Priority?
    var severity: Severity
    var status: HealthStatus
  }

  /// Most clusters named in one evidence sentence.
  static let maxNamed = 2

  /// Health of every component, sorted by status (failing first), then kind, then name.
  static func components(_ items: [Item]) -> [ComponentHealth] {
    var byComponent: [Component: [Item]] = [:]
    for item in items {
      for c in item.components { byComponent[c, default: []].append(item) }
    }
    var out: [ComponentHealth] = []
    for c in byComponent.keys.sorted() {
      let list = (byComponent[c] ?? []).sorted { a, b in
        if a.status != b.status { return a.status < b.status }
        let pa = a.priority?.rawValue ?? 9
        let pb = b.priority?.rawValue ?? 9
        if pa != pb { return pa < pb }
        if a.count != b.count { return a.count > b.count }
        return a.title < b.title
      }
      let status = list.first?.status ?? .working
      out.append(ComponentHealth(component: c, status: status, evidence: evidence(status, list)))
    }
    return out.sorted { a, b in
      a.status != b.status ? a.status < b.status : a.component < b.component
    }
  }

  static func evidence(_ status: HealthStatus, _ list: [Item]) -> String {
    let events = list.reduce(0) { $0 + $1.count }
    switch status {
    case .failing, .atRisk:
      let deciding = list.filter { $0.status == status }
      var text = deciding.prefix(maxNamed).map { describe($0) }.joined(separator: "; ")
      let rest = list.count - min(deciding.count, maxNamed)
      if rest > 0 { text += "; " + Phrases.count(rest, "more cluster") }
      return text
    case .working:
      let noisy = list.filter { $0.priority != nil }
      let quiet = list.filter { $0.priority == nil }
      var parts: [String] = []
      if !quiet.isEmpty {
        let worst: Severity = quiet.map(\.severity).max() ?? .info
        let n: Int = quiet.reduce(0) { $0 + $1.count }
        let events: String = Phrases.count(n, "event")
        let clusters: String = Phrases.count(quiet.count, "cluster")
        parts.append("\(events) at \(worst.name) or below in \(clusters)")
      }
      if !noisy.isEmpty {
        var named: [String] = noisy.prefix(maxNamed).map { describe($0) }
        if noisy.count > maxNamed {
          named.append(Phrases.count(noisy.count - maxNamed, "more cluster"))
        }
        parts.append("only low-priority problems: " + named.joined(separator: "; "))
      }
      if parts.isEmpty { return Phrases.count(events, "event") + ", none failing" }
      return parts.joined(separator: "; ")
    }
  }

  static func describe(_ i: Item) -> String {
    "\(i.priority?.name ?? i.severity.name) \(Phrases.quoted(i.title)) (\(Phrases.count(i.count, "event")))"
  }
}
