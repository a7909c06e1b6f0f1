// Shapes of single trace lines shared by the language parsers and the continuation rules.

/// Recognisers for one line of a stack trace, independent of the surrounding text.
enum TraceLine {
  /// Python's header line.
  static let pythonHeader = "Traceback (most recent call last):"
  /// The lines Python prints between the blocks of a chained exception.
  static let chainSeparators = [
    "During handling of the above exception, another exception occurred:",
    "The above exception was the direct cause of the following exception:",
  ]
  /// Start of the line the event assembler puts where it dropped the middle of a huge event.
  static let omissionMarker = "[garden-parse: "

  /// The line without its leading blanks.
  static func trimLeading(_ s: Substring) -> Substring {
    s.drop { $0 == " " || $0 == "\t" }
  }

  /// The line without trailing blanks.
  static func trimTrailing(_ s: Substring) -> Substring {
    var t = s
    while let last = t.last, last == " " || last == "\t" || last == "\r" { t = t.dropLast() }
    return t
  }

  /// True for a line that starts with a blank.
  static func isIndented(_ s: some StringProtocol) -> Bool {
    guard let f = s.utf8.first else { return false }
    return f == 32 || f == 9
  }

  /// True for one of Python's chained-exception separators (leading blanks ignored).
  static func isChainSeparator(_ s: some StringProtocol) -> Bool {
    let t = String(s).drop { $0 == " " || $0 == "\t" }
    return chainSeparators.contains { t.hasPrefix($0) }
  }

  /// True for the assembler's omission marker.
  static func isOmission(_ s: some StringProtocol) -> Bool {
    String(s).drop { $0 == " " || $0 == "\t" }.hasPrefix(omissionMarker)
  }

  /// `... 12 more` (Java) or `... 12 common frames omitted` (logback): the count.
  static func moreCount(_ s: some StringProtocol) -> Int? {
    let t = String(s).drop { $0 == " " || $0 == "\t" }
    guard t.hasPrefix("... ") else { return nil }
    let rest = t.dropFirst(4)
    let digits = rest.prefix { $0.isASCII && $0.isNumber }
    let tail = rest.dropFirst(digits.count)
    guard !digits.isEmpty, tail == " more" || tail.hasPrefix(" common frames omitted") else {
      return nil
    }
    return Int(digits)
  }

  /// An exception line `pkg.Type: value`, `Type`, `Error [ERR_X]: value`, or Java's
  /// `Exception in thread "main" pkg.Type: value`. The type is an identifier path without blanks.
  static func exceptionHeader(_ line: some StringProtocol) -> (type: String, value: String?)? {
    var s = Substring(String(line))
    if s.hasPrefix("Exception in thread \""), let close = s.dropFirst(21).firstIndex(of: "\"") {
      s = s[s.index(after: close)...].drop { $0 == " " }
    }
    let type = s.prefix {
      $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "$")
    }
    guard let first = type.first, first.isLetter || first == "_", type.last != "." else {
      return nil
    }
    var rest = s.dropFirst(type.count)
    if rest.hasPrefix(" ["), let close = rest.firstIndex(of: "]") {
      rest = rest[rest.index(after: close)...]  // Node system errors: `Error [ERR_X]: msg`
    }
    if rest.isEmpty { return (String(type), nil) }
    guard rest.hasPrefix(":") else { return nil }
    let value = rest.dropFirst().drop { $0 == " " }
    return (String(type), String(trimTrailing(value)))
  }

  /// True when a type name looks like an exception class rather than a word followed by a colon:
  /// its last component ends like one (`ValueError`, `SystemExit`, `IOException`) or it is a
  /// dotted path of an upper-case class (`requests.exceptions.ConnectionError`, `grpc.RpcError`).
  static func isExceptionLike(_ type: String) -> Bool {
    let last = type.split(separator: ".").last.map(String.init) ?? type
    guard !TextLineClassifier.levelWords.contains(last.uppercased()) else { return false }
    let endings = [
      "Error", "Exception", "Warning", "Interrupt", "Exit", "Iteration", "Throwable", "Failure",
      "Fault", "Timeout", "Group",
    ]
    if endings.contains(where: { last.hasSuffix($0) }) { return true }
    return type.contains(".") && (last.first?.isUppercase ?? false)
  }

  /// Python frame line `File "p", line N, in f` (leading blanks ignored).
  static func pythonFrame(_ line: some StringProtocol) -> (
    file: String, line: Int, function: String?
  )? {
    let t = String(line).drop { $0 == " " || $0 == "\t" }
    guard t.hasPrefix("File \""), let sep = t.range(of: "\", line ") else { return nil }
    let file = t[t.index(t.startIndex, offsetBy: 6)..<sep.lowerBound]
    let after = t[sep.upperBound...]
    let digits = after.prefix { $0.isASCII && $0.isNumber }
    guard !file.isEmpty, let n = Int(digits) else { return nil }
    let tail = after.dropFirst(digits.count)
    var function: String?
    if tail.hasPrefix(", in ") {
      let name = trimTrailing(Substring(tail.dropFirst(5)))
      function = name.isEmpty ? nil : String(name)
    }
    return (String(file), n, function)
  }
}
