// Severity as written by platforms, agents and logging libraries: Cloud Logging names and numbers,
// aliases in any case, and the numeric levels of pino/bunyan (10…60) in structured payloads.
import GardenKit

enum SeverityReading {
  /// Cloud Logging names as written on the wire.
  static let exact: [String: Severity] = Dictionary(
    uniqueKeysWithValues: Severity.allCases.map { ($0.name, $0) })

  /// A severity from a LogEntry's `severity` field: a name or alias, or a Cloud Logging number
  /// (0, 100 … 800, also as a string). Nil when absent or unrecognised.
  static func entrySeverity(_ value: JSONValue?) -> Severity? {
    guard let value else { return nil }
    if let text = value.string {
      if let s = exact[text] { return s }  // the wire names: no trimming or case folding needed
      if let s = Severity(name: text) { return s }
      if let n = Int(text) { return fromCloudNumber(n) }
      return nil
    }
    if case .number = value, let n = value.int { return fromCloudNumber(n) }
    return nil
  }

  /// A severity from an application's own `severity`/`level` key in `jsonPayload`. Numbers below
  /// 100 are read on the pino/bunyan scale (30 info, 40 warn, 50 error, 60 fatal).
  static func payloadLevel(_ value: JSONValue?) -> Severity? {
    guard let value else { return nil }
    if let text = value.string {
      if let s = exact[text] ?? Severity(name: text) { return s }
      if let n = Int(text) { return fromNumber(n) }
      return nil
    }
    if case .number = value, let n = value.int { return fromNumber(n) }
    return nil
  }

  static func fromNumber(_ n: Int) -> Severity? {
    if n >= 100 { return fromCloudNumber(n) }
    switch n {
    case 10, 20: return .debug
    case 30: return .info
    case 40: return .warning
    case 50: return .error
    case 60: return .critical
    case 0: return .default
    default: return nil
    }
  }

  /// Cloud Logging's wire numbers; values between two levels round down (450 → WARNING).
  static func fromCloudNumber(_ n: Int) -> Severity? {
    guard n >= 0 else { return nil }
    return Severity.allCases.last { $0.rawValue <= n }
  }

  /// Request logs without a severity take it from the status, as Cloud Logging's own views do.
  static func fromHTTPStatus(_ status: Int) -> Severity {
    status >= 500 ? .error : status >= 400 ? .warning : .info
  }
}
