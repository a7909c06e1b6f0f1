// The options of one run, read and checked once from the command line.
import Foundation
import GardenKit

struct ParseOptions {
  /// nil: detect per input.
  var format: InputFormat?
  var minSeverity: Severity?
  var since: Timestamp?
  var until: Timestamp?
  /// Service names to keep (empty: all).
  var services: [String] = []
  var scrub = true
  var keepRaw = false
  /// Join split traces in JSON inputs (`--no-stitch` turns it off).
  var stitch = true
  var rejectsPath: String?
  var check = false
  var forceProgress = false
  /// Threads that work out entries of JSON and NDJSON inputs.
  var threads = ParseOptions.defaultThreads
  var inputs: [String] = ["-"]

  init() {}

  init(_ args: Arguments) throws(StageError) {
    let formats = ["auto", "json", "ndjson", "pubsub", "text", "lines"]
    let f = try args.choice("format", formats, default: "auto")
    format = f == "auto" ? nil : InputFormat(rawValue: f)
    if let text = args.value("min-severity") {
      guard let s = Severity(name: text) else {
        throw StageError(
          .usage,
          Arguments.usage(
            args.spec,
            "option '--min-severity' needs a level (DEFAULT, DEBUG, INFO, NOTICE, WARNING, ERROR, CRITICAL, ALERT, EMERGENCY), got '\(text)'"
          ))
      }
      minSeverity = s
    }
    since = try Self.time(args, "since")
    until = try Self.time(args, "until")
    if let since, let until, until <= since {
      throw StageError(
        .usage,
        Arguments.usage(
          args.spec, "'--until' (\(until.rfc3339)) must be after '--since' (\(since.rfc3339))"))
    }
    services = args.values("service")
    // `--service "$SERVICE"` with the variable unset would filter out every event and still exit 0.
    if services.contains(where: { $0.allSatisfy(\.isWhitespace) }) {
      throw StageError(
        .usage, Arguments.usage(args.spec, "option '--service' needs a service name, got ''"))
    }
    scrub = !args.flag("no-scrub")
    keepRaw = args.flag("keep-raw")
    if args.flag("stitch"), args.flag("no-stitch") {
      throw StageError(
        .usage, Arguments.usage(args.spec, "'--stitch' and '--no-stitch' cannot be used together"))
    }
    stitch = !args.flag("no-stitch")
    rejectsPath = args.value("rejects")
    check = args.flag("check")
    forceProgress = args.flag("progress")
    threads = try args.int("threads", default: Self.defaultThreads, in: 1...256)
    inputs = args.inputs
  }

  /// One thread per CPU this process may use, at most 8 (more gains little: the writing is serial).
  static var defaultThreads: Int { min(8, max(1, ProcessInfo.processInfo.activeProcessorCount)) }

  private static func time(_ args: Arguments, _ name: String) throws(StageError) -> Timestamp? {
    guard let text = args.value(name) else { return nil }
    guard let (t, _) = TimestampReading.read(text) else {
      throw StageError(
        .usage,
        Arguments.usage(
          args.spec,
          "option '--\(name)' needs an RFC 3339 time like 2024-05-01T08:00:00Z, got '\(text)'"))
    }
    return t
  }
}
