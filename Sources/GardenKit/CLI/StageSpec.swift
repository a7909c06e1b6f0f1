// Each stage declares its options, examples and exit statuses once, in a StageSpec; `--help` and the
// usage errors are rendered from it, so help cannot drift from what the parser accepts.

/// One option a stage accepts.
public struct OptionSpec: Sendable {
  /// Long name without dashes (`min-severity`).
  public var name: String
  /// Placeholder for the value (`LEVEL`); nil for a flag that takes no value.
  public var value: String?
  /// One sentence of help.
  public var help: String
  /// Default shown in help, if any.
  public var defaultValue: String?
  /// May be given more than once (values accumulate).
  public var repeatable: Bool

  public init(
    _ name: String, value: String? = nil, help: String, default defaultValue: String? = nil,
    repeatable: Bool = false
  ) {
    self.name = name
    self.value = value
    self.help = help
    self.defaultValue = defaultValue
    self.repeatable = repeatable
  }
}

/// Everything `--help` shows and the parser accepts, for one stage.
public struct StageSpec: Sendable {
  /// Program name, e.g. `garden-parse`.
  public var program: String
  /// One line: what the stage does.
  public var abstract: String
  /// Synopsis after the program name, e.g. `[OPTIONS] [FILE ...]`.
  public var synopsis: String
  /// Paragraphs after the synopsis (input and output, rules), already wrapped.
  public var discussion: String
  public var options: [OptionSpec]
  /// Real command lines with a comment each: (comment, command).
  public var examples: [(String, String)]
  /// The statuses this stage can return.
  public var exitStatuses: [ExitStatus]

  public init(
    program: String, abstract: String, synopsis: String = "[OPTIONS] [FILE ...]",
    discussion: String = "",
    options: [OptionSpec], examples: [(String, String)], exitStatuses: [ExitStatus]
  ) {
    self.program = program
    self.abstract = abstract
    self.synopsis = synopsis
    self.discussion = discussion
    self.options = options
    self.examples = examples
    self.exitStatuses = exitStatuses
  }

  /// Options every stage accepts.
  public static let commonOptions: [OptionSpec] = [
    OptionSpec("help", help: "Show this help and exit."),
    OptionSpec("version", help: "Show the version and exit."),
  ]

  /// The help screen.
  public var helpText: String {
    var t = "\(program) — \(abstract)\n\nUSAGE: \(program) \(synopsis)\n"
    if !discussion.isEmpty { t += "\n" + discussion.trimmingTrailingNewlines() + "\n" }
    t += "\nOPTIONS:\n"
    let all = options + Self.commonOptions
    let heads = all.map { o in "  --" + o.name + (o.value.map { " " + $0 } ?? "") }
    let width = min(34, (heads.map(\.count).max() ?? 0) + 2)
    for (o, head) in zip(all, heads) {
      var line = head
      if line.count < width {
        line += String(repeating: " ", count: width - line.count)
      } else {
        line += "\n" + String(repeating: " ", count: width)
      }
      var help = o.help
      if let d = o.defaultValue { help += " (default: \(d))" }
      if o.repeatable { help += " Repeatable." }
      t += line + help + "\n"
    }
    t += "\nEXAMPLES:\n"
    for (comment, command) in examples { t += "  # \(comment)\n  \(command)\n\n" }
    t += "EXIT STATUS:\n"
    for s in exitStatuses { t += "  " + String(s.rawValue).padded(to: 4) + s.meaning + "\n" }
    return t
  }
}

extension String {
  func padded(to n: Int) -> String {
    count >= n ? self + " " : self + String(repeating: " ", count: n - count)
  }
  func trimmingTrailingNewlines() -> String {
    var s = self
    while s.hasSuffix("\n") { s.removeLast() }
    return s
  }
}
