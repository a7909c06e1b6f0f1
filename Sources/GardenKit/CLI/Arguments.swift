// The argument parser shared by all stages: GNU-style long options (`--name value`, `--name=value`),
// `-` for stdin, `--` to end options. Unknown options are usage errors (status 64) with a suggestion.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The version every stage reports.
public let gardenVersion = "0.1.0"

/// Parsed command-line arguments of one stage.
public struct Arguments: Sendable {
  public let spec: StageSpec
  var values: [String: [String]] = [:]
  var flags: Set<String> = []
  /// Positional arguments (input files; `-` is stdin).
  public private(set) var positionals: [String] = []

  /// What the caller should do after parsing.
  public enum Outcome {
    case run(Arguments)
    case exit(ExitStatus, String)
  }

  /// Parses `argv` (without the program name). `--help` and `--version` come back as `.exit(.ok, text)`;
  /// usage errors as `.exit(.usage, message)`.
  public static func parse(_ argv: [String], spec: StageSpec) -> Outcome {
    var a = Arguments(spec: spec)
    var i = 0
    var onlyPositionals = false
    while i < argv.count {
      let arg = argv[i]
      i += 1
      if onlyPositionals || arg == "-" || !arg.hasPrefix("-") {
        a.positionals.append(arg)
        continue
      }
      if arg == "--" {
        onlyPositionals = true
        continue
      }
      if arg == "-h" || arg == "--help" { return .exit(.ok, spec.helpText) }
      if arg == "--version" { return .exit(.ok, "\(spec.program) \(gardenVersion)\n") }
      guard arg.hasPrefix("--") else {
        return .exit(.usage, usage(spec, "unknown option '\(arg)' (options are long, like --help)"))
      }
      var name = String(arg.dropFirst(2))
      var inlineValue: String?
      if let eq = name.firstIndex(of: "=") {
        inlineValue = String(name[name.index(after: eq)...])
        name = String(name[..<eq])
      }
      guard let opt = spec.options.first(where: { $0.name == name }) else {
        var msg = "unknown option '--\(name)'"
        if let near = closest(name, among: spec.options.map(\.name)) {
          msg += "; did you mean '--\(near)'?"
        }
        return .exit(.usage, usage(spec, msg))
      }
      if opt.value == nil {
        if inlineValue != nil {
          return .exit(.usage, usage(spec, "option '--\(name)' takes no value"))
        }
        a.flags.insert(name)
        continue
      }
      let value: String
      if let inlineValue {
        value = inlineValue
      } else if i < argv.count {
        value = argv[i]
        i += 1
      } else {
        return .exit(.usage, usage(spec, "option '--\(name)' needs a value (\(opt.value!))"))
      }
      // `--history "$STATE"` with the variable unset: no file has an empty name.
      if opt.value == "FILE", value.isEmpty {
        return .exit(.usage, usage(spec, "option '--\(name)' needs a file name, got ''"))
      }
      if !opt.repeatable, a.values[name] != nil {
        return .exit(.usage, usage(spec, "option '--\(name)' given more than once"))
      }
      a.values[name, default: []].append(value)
    }
    // A second read of stdin finds it drained: it would pass for an empty input.
    if a.positionals.filter({ $0 == "-" }).count > 1 {
      return .exit(.usage, usage(spec, "standard input ('-') can be read only once"))
    }
    // Opening the rejects file truncates it: were it an input, the input would be gone unread.
    if let rejects = a.value("rejects"),
      let input = a.positionals.first(where: { $0 != "-" && sameFile($0, rejects) })
    {
      return .exit(
        .usage, usage(spec, "--rejects \(rejects) is the input \(input): it would be emptied"))
    }
    return .run(a)
  }

  /// True when both paths name one existing file (same device and inode).
  static func sameFile(_ a: String, _ b: String) -> Bool {
    var sa = stat()
    var sb = stat()
    guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
  }

  /// The usage error text: the reason, the synopsis and a hint.
  public static func usage(_ spec: StageSpec, _ reason: String) -> String {
    "\(spec.program): error: \(reason)\nUsage: \(spec.program) \(spec.synopsis)\nSee '\(spec.program) --help'.\n"
  }

  /// True when the flag was given.
  public func flag(_ name: String) -> Bool { flags.contains(name) }
  /// The value of an option, or nil.
  public func value(_ name: String) -> String? { values[name]?.last }
  /// Every value of a repeatable option, in order.
  public func values(_ name: String) -> [String] { values[name] ?? [] }

  /// An integer option within bounds, or a usage error naming the option.
  public func int(_ name: String, default d: Int, in range: ClosedRange<Int> = 0...Int.max)
    throws(StageError) -> Int
  {
    guard let text = value(name) else { return d }
    guard let n = Int(text), range.contains(n) else {
      throw StageError(
        .usage,
        Self.usage(
          spec,
          "option '--\(name)' needs a whole number in \(range.lowerBound)...\(range.upperBound), got '\(text)'"
        ))
    }
    return n
  }

  /// A double option, or a usage error naming the option.
  public func double(_ name: String, default d: Double) throws(StageError) -> Double {
    guard let text = value(name) else { return d }
    guard let n = Double(text), n.isFinite else {
      throw StageError(.usage, Self.usage(spec, "option '--\(name)' needs a number, got '\(text)'"))
    }
    return n
  }

  /// One of a fixed set of words, or a usage error listing them.
  public func choice(_ name: String, _ allowed: [String], default d: String) throws(StageError)
    -> String
  {
    guard let text = value(name) else { return d }
    guard allowed.contains(text) else {
      throw StageError(
        .usage,
        Self.usage(
          spec,
          "option '--\(name)' must be one of \(allowed.joined(separator: ", ")), got '\(text)'"))
    }
    return text
  }

  /// Input paths; stdin (`-`) when none were given.
  public var inputs: [String] { positionals.isEmpty ? ["-"] : positionals }

  static func closest(_ word: String, among names: [String]) -> String? {
    var best: (String, Int)?
    for n in names {
      let d = editDistance(word, n)
      if d <= max(2, n.count / 3), best == nil || d < best!.1 { best = (n, d) }
    }
    return best?.0
  }

  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.utf8)
    let b = Array(b.utf8)
    if a.isEmpty { return b.count }
    var prev = Array(0...b.count)
    for i in 1...a.count {
      var cur = [i] + Array(repeating: 0, count: b.count)
      for j in 1..<(b.count + 1) {
        cur[j] = Swift.min(
          prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      prev = cur
    }
    return prev[b.count]
  }
}
