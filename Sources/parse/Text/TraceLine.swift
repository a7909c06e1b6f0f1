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
  static func isChainSeparator(_ s: Substring) -> Bool {
    let t = trimLeading(s)
    return chainSeparators.contains { t.utf8.starts(with: $0.utf8) }
  }

  /// True for the assembler's omission marker.
  static func isOmission(_ s: Substring) -> Bool {
    trimLeading(s).utf8.starts(with: omissionMarker.utf8)
  }

  /// `... 12 more` (Java) or `... 12 common frames omitted` (logback): the count.
  static func moreCount(_ s: Substring) -> Int? {
    let t = trimLeading(s)
    guard t.utf8.starts(with: "... ".utf8) else { return nil }
    let rest = t.utf8.dropFirst(4)
    let digits = rest.prefix { $0 >= 48 && $0 <= 57 }
    let tail = rest.dropFirst(digits.count)
    guard !digits.isEmpty, digits.count < 10,
      tail.elementsEqual(" more".utf8) || tail.starts(with: " common frames omitted".utf8)
    else { return nil }
    return digits.reduce(0) { $0 * 10 + Int($1 - 48) }
  }

  /// An exception line `pkg.Type: value`, `Type`, `Error [ERR_X]: value`, or Java's
  /// `Exception in thread "main" pkg.Type: value`. The type is an identifier path without blanks.
  static func exceptionHeader(_ line: Substring) -> (type: String, value: String?)? {
    var s = line
    if s.utf8.starts(with: "Exception in thread \"".utf8),
      let close = s.utf8.dropFirst(21).firstIndex(of: UInt8(ascii: "\""))
    {
      s = s[s.utf8.index(after: close)...].drop { $0 == " " }
    }
    let typeBytes = s.utf8.prefix {
      TextLineClassifier.isWordByte($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "$")
    }
    guard let first = typeBytes.first, TextLineClassifier.isLetter(first) || first == 95,
      typeBytes.last != UInt8(ascii: ".")
    else { return nil }
    let type = s[..<typeBytes.endIndex]
    var rest = s[typeBytes.endIndex...]
    if rest.utf8.starts(with: " [".utf8), let close = rest.utf8.firstIndex(of: UInt8(ascii: "]")) {
      rest = rest[rest.utf8.index(after: close)...]  // Node system errors: `Error [ERR_X]: msg`
    }
    if rest.isEmpty { return (String(type), nil) }
    guard rest.utf8.first == UInt8(ascii: ":") else { return nil }
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
  static func pythonFrame(_ line: Substring) -> (file: String, line: Int, function: String?)? {
    let t = trimLeading(line)
    guard t.utf8.starts(with: "File \"".utf8) else { return nil }
    let u = t.utf8
    let marker = Array("\", line ".utf8)
    // The file name may hold quotes; the first `", line ` followed by digits ends it.
    var i = u.index(u.startIndex, offsetBy: 6)
    while i != u.endIndex {
      if u[i] == marker[0], u[i...].starts(with: marker) {
        let after = t[u.index(i, offsetBy: marker.count)...]
        let digits = after.utf8.prefix { $0 >= 48 && $0 <= 57 }
        if !digits.isEmpty, digits.count < 10 {
          let n = digits.reduce(0) { $0 * 10 + Int($1 - 48) }
          let file = t[u.index(u.startIndex, offsetBy: 6)..<i]
          let tail = after[digits.endIndex...]
          var function: String?
          if tail.utf8.starts(with: ", in ".utf8) {
            let name = trimTrailing(tail.dropFirst(5))
            function = name.isEmpty ? nil : String(name)
          }
          return file.isEmpty ? nil : (String(file), n, function)
        }
      }
      i = u.index(after: i)
    }
    return nil
  }

  /// A line or column number: 1 to 9 ASCII digits. `Int(_:)` alone would take `-41` or `+7`
  /// (found by fuzzing), which no trace prints.
  static func number(_ s: Substring) -> Int? {
    guard !s.isEmpty, s.utf8.count <= 9, s.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
      return nil
    }
    return Int(s)
  }
}
