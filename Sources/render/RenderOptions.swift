// The options of one render run, checked once (bad values are usage errors, status 64).

import GardenKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What to render and how.
struct RenderOptions {
  enum Format: String { case markdown, text, json }

  var format: Format = .markdown
  var focus: String?
  var onlyFocus = false
  /// The generated time given with `--now`; nil means "the window end".
  var now: Moment?
  var zone: LocalZone?
  var command: String?
  var project: String?
  /// Clusters shown as full sections before the rest become one line each (0: no limit).
  var maxSections = 50
  /// ANSI colour in `--format text` (only on a terminal, never with NO_COLOR set).
  var color = false

  init() {}

  /// Reads and checks the options.
  init(args: Arguments) throws(StageError) {
    format =
      Format(
        rawValue: try args.choice("format", ["markdown", "text", "json"], default: "markdown"))
      ?? .markdown
    focus = args.value("focus")
    onlyFocus = args.flag("only-focus")
    if onlyFocus && focus == nil {
      throw StageError(
        .usage, Arguments.usage(args.spec, "option '--only-focus' needs '--focus TERM'"))
    }
    if let f = focus, !FocusMatcher(term: f).isUsable {
      throw StageError(
        .usage,
        Arguments.usage(
          args.spec, "option '--focus' needs a term with letters or digits, got '\(f)'"))
    }
    if let text = args.value("now") {
      if text == "now" {
        now = Moment(seconds: Int(time(nil)))
      } else if let t = Moment(rfc3339: text) {
        now = t
      } else {
        throw StageError(
          .usage,
          Arguments.usage(
            args.spec,
            "option '--now' needs an RFC 3339 time like 2025-09-15T14:00:00Z (or 'now'), got '\(text)'"
          ))
      }
    }
    if let id = args.value("tz") {
      guard let z = LocalZone(identifier: id) else {
        throw StageError(
          .usage,
          Arguments.usage(
            args.spec, "option '--tz' needs a time zone name like America/New_York, got '\(id)'"))
      }
      zone = z
    }
    command = args.value("command")
    project = args.value("project")
    maxSections = try args.int("max-sections", default: 50, in: 0...1_000_000)
    let noColor = getenv("NO_COLOR").map { String(cString: $0) } ?? ""
    color = format == .text && isatty(1) == 1 && noColor.isEmpty
  }
}
