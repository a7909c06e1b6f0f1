// One exit-status scheme for every stage (sysexits-style), so pipeline.sh and cron wrappers can tell a
// partial run from bad data from a usage mistake. docs/exit-status.md prints this table.

/// The exit statuses every stage uses.
public enum ExitStatus: Int32, CaseIterable, Sendable {
  /// Success: every input record is accounted for.
  case ok = 0
  /// Done, but some input records were rejected (each reported on stderr and counted in `meta`).
  case rejected = 2
  /// Partial input: the input was cut off (a truncated array, or an upstream stage that did not finish);
  /// everything complete was processed and written, and a `meta` warning says so.
  case partial = 3
  /// Usage error: unknown option, bad option value.
  case usage = 64
  /// Data error: the input as a whole is unusable (not JSON, YAML, a newer schema major version, an
  /// invalid config file).
  case dataError = 65
  /// An input file or needed program cannot be opened or found.
  case noInput = 66
  /// Internal error (a bug): please report it.
  case software = 70
  /// I/O error: output could not be written (disk full), or a state file could not be saved.
  case ioError = 74
  /// Could not take a lock in time (another run holds it).
  case tempFail = 75

  /// A short phrase for help screens.
  public var meaning: String {
    switch self {
    case .ok: "success"
    case .rejected: "finished, but some input records were rejected (reported on stderr)"
    case .partial: "partial input (truncated, or upstream incomplete); all complete records written"
    case .usage: "usage error (unknown option or bad value)"
    case .dataError: "input unusable (not the expected format, newer schema, invalid config)"
    case .noInput: "input file or required program not found"
    case .software: "internal error"
    case .ioError: "output or state could not be written"
    case .tempFail: "lock held by another run"
    }
  }
}

/// An error that ends a stage with a given status and a one-line reason.
public struct StageError: Error, Sendable, CustomStringConvertible {
  public var status: ExitStatus
  public var message: String

  public init(_ status: ExitStatus, _ message: String) {
    self.status = status
    self.message = message
  }

  public var description: String { message }
}
