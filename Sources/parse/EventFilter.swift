// The --min-severity, --since, --until and --service filters. Each drop is counted under the filter
// that made it, in the order the filters are listed here.
import GardenKit

struct EventFilter {
  enum Drop: String, CaseIterable {
    case minSeverity = "min_severity"
    case since, until, service
  }

  var minSeverity: Severity?
  var since: Timestamp?
  var until: Timestamp?
  /// Lower-cased service names to keep.
  var services: Set<String> = []

  init(_ o: ParseOptions) {
    minSeverity = o.minSeverity
    since = o.since
    until = o.until
    services = Set(o.services.map { $0.lowercased() })
  }

  var isActive: Bool { minSeverity != nil || since != nil || until != nil || !services.isEmpty }

  /// Why the event is dropped, or nil to keep it. Events without a timestamp pass the time filters:
  /// nothing says they are outside the window.
  func drop(_ e: Event, timestamp: Timestamp?) -> Drop? {
    if let minSeverity, e.severity < minSeverity { return .minSeverity }
    if let since, let t = timestamp, t < since { return .since }
    if let until, let t = timestamp, !(t < until) { return .until }
    if !services.isEmpty, !services.contains((e.service ?? "").lowercased()) { return .service }
    return nil
  }
}
