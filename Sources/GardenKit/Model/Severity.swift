// Cloud Logging's LogSeverity, with the aliases agents and libraries write.
import Foundation

/// Severity levels in Cloud Logging order; `rawValue` is the wire number used for comparisons.
public enum Severity: Int, Comparable, CaseIterable, Sendable {
  case `default` = 0
  case debug = 100
  case info = 200
  case notice = 300
  case warning = 400
  case error = 500
  case critical = 600
  case alert = 700
  case emergency = 800

  /// The Cloud Logging name, as written on the wire (`"WARNING"`).
  public var name: String {
    switch self {
    case .default: "DEFAULT"
    case .debug: "DEBUG"
    case .info: "INFO"
    case .notice: "NOTICE"
    case .warning: "WARNING"
    case .error: "ERROR"
    case .critical: "CRITICAL"
    case .alert: "ALERT"
    case .emergency: "EMERGENCY"
    }
  }

  /// Reads a name or a common alias, case-insensitively (`warn`, `FATAL`, `err`, `trace`).
  /// Returns nil for anything unrecognised; callers decide whether that means DEFAULT.
  public init?(name raw: String) {
    // Fast path: the canonical names, as every stage after parse writes them. The general path
    // trims and uppercases, which costs an allocation per record.
    switch raw {
    case "DEFAULT": self = .default
    case "DEBUG": self = .debug
    case "INFO": self = .info
    case "NOTICE": self = .notice
    case "WARNING": self = .warning
    case "ERROR": self = .error
    case "CRITICAL": self = .critical
    case "ALERT": self = .alert
    case "EMERGENCY": self = .emergency
    default: self.init(alias: raw)
    }
  }

  private init?(alias raw: String) {
    switch raw.trimmingCharacters(in: .whitespaces).uppercased() {
    case "DEFAULT": self = .default
    case "DEBUG", "TRACE", "FINE", "FINER", "FINEST", "VERBOSE": self = .debug
    case "INFO", "INFORMATION", "INFORMATIONAL": self = .info
    case "NOTICE": self = .notice
    case "WARNING", "WARN": self = .warning
    case "ERROR", "ERR", "SEVERE": self = .error
    case "CRITICAL", "FATAL", "CRIT": self = .critical
    case "ALERT": self = .alert
    case "EMERGENCY", "EMERG", "PANIC": self = .emergency
    default: return nil
    }
  }

  public static func < (a: Severity, b: Severity) -> Bool { a.rawValue < b.rawValue }
}
