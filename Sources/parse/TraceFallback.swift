// Interim trace reader until the Text/ folder's TraceParser (branch `traces`) is merged: it reads the
// error type, value and frames of Python tracebacks, Java `at` stacks and Node `    at` stacks, the
// common single-exception shapes. Chains, Go panics and deep edge cases are left to TraceParser.
import GardenKit

enum TraceFallback {
  static func read(_ text: String) -> TraceSummary? {
    let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
    if lines.contains(where: { $0.hasPrefix("Traceback (most recent call last)") }) {
      return python(lines)
    }
    let trimmed = lines.map { $0.drop { $0 == " " || $0 == "\t" } }
    guard let firstAt = trimmed.firstIndex(where: { $0.hasPrefix("at ") }) else { return nil }
    var summary = TraceSummary()
    // The header is the nearest non-frame line above the first frame: `pkg.Type: message`.
    if let h = (0..<firstAt).last(where: { !trimmed[$0].isEmpty }),
      let (type, value) = header(trimmed[h])
    {
      summary.errorType = type
      summary.errorValue = value
    }
    var frames: [Frame] = []
    for t in trimmed[firstAt...] where t.hasPrefix("at ") {
      if let f = atFrame(t.dropFirst(3)) { frames.append(f) }
    }
    summary.frames = frames.reversed()  // printed innermost first
    if let cause = trimmed.last(where: { $0.hasPrefix("Caused by: ") }),
      let (type, value) = header(cause.dropFirst("Caused by: ".count))
    {
      summary.rootType = type
      summary.rootValue = value
    }
    return summary.errorType == nil && summary.frames.isEmpty ? nil : summary
  }

  private static func python(_ lines: [Substring]) -> TraceSummary? {
    var s = TraceSummary()
    for l in lines {
      let t = l.drop { $0 == " " }
      guard t.hasPrefix("File \"") else { continue }
      let rest = t.dropFirst(6)
      guard let q = rest.firstIndex(of: "\"") else { continue }
      let file = String(rest[..<q])
      let after = rest[rest.index(after: q)...]
      var line: Int?
      var function: String?
      if let r = after.range(of: ", line ") {
        line = Int(after[r.upperBound...].prefix { $0.isNumber })
      }
      if let r = after.range(of: ", in ") { function = String(after[r.upperBound...]) }
      let library = file.contains("site-packages") || file.contains("/lib/python")
      s.frames.append(Frame(file: file, line: line, function: function, inApp: !library))
    }
    if let last = lines.last(where: { !$0.isEmpty && $0.first != " " && !$0.hasPrefix("Traceback") }
    ),
      let (type, value) = header(last[...])
    {
      s.errorType = type
      s.errorValue = value
    }
    return s.errorType == nil && s.frames.isEmpty ? nil : s
  }

  /// `Type: value` or a bare `Type` whose name looks like an exception.
  private static func header(_ line: Substring) -> (String, String?)? {
    let type: Substring
    var value: String?
    if let colon = line.range(of: ": ") {
      type = line[..<colon.lowerBound]
      value = String(line[colon.upperBound...])
    } else {
      type = line.hasSuffix(":") ? line.dropLast() : line
    }
    guard !type.isEmpty, type.count <= 200,
      type.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "$" }),
      type.hasSuffix("Error") || type.hasSuffix("Exception") || type.contains(".")
        || type.hasSuffix("Interrupt") || type.hasSuffix("Exit")
    else { return nil }
    return (String(type), value)
  }

  /// Java `pkg.Cls.m(File.java:12)` or Node `fn (/path/file.js:1:2)` / `/path/file.js:1:2`.
  private static func atFrame(_ t: Substring) -> Frame? {
    if let open = t.lastIndex(of: "("), t.hasSuffix(")") {
      let function = trim(t[..<open])
      let inside = t[t.index(after: open)..<t.index(before: t.endIndex)]
      let loc = location(inside)
      let java =
        inside.contains(".java:") || inside == "Unknown Source" || inside == "Native Method"
      let library =
        java
        ? function.hasPrefix("java.") || function.hasPrefix("javax.") || function.hasPrefix("jdk.")
          || function.hasPrefix("sun.") || function.hasPrefix("org.springframework.")
          || function.hasPrefix("org.eclipse.jetty.")
        : (loc.file ?? "").contains("node_modules") || (loc.file ?? "").hasPrefix("node:")
      return Frame(
        file: loc.file, line: loc.line, column: loc.column, function: function, inApp: !library)
    }
    let loc = location(t)
    guard loc.file != nil else { return nil }
    let library = (loc.file ?? "").contains("node_modules") || (loc.file ?? "").hasPrefix("node:")
    return Frame(file: loc.file, line: loc.line, column: loc.column, inApp: !library)
  }

  private static func trim(_ s: Substring) -> String {
    String(
      s.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
  }

  /// `file:line[:column]`.
  private static func location(_ s: Substring) -> (file: String?, line: Int?, column: Int?) {
    let parts = s.split(separator: ":", omittingEmptySubsequences: false)
    var numbers: [Int] = []
    var end = parts.count
    while end > 1, numbers.count < 2, let n = Int(parts[end - 1]) {
      numbers.insert(n, at: 0)
      end -= 1
    }
    guard !numbers.isEmpty else { return (s.isEmpty ? nil : String(s), nil, nil) }
    let file = parts[0..<end].joined(separator: ":")
    return (file, numbers[0], numbers.count > 1 ? numbers[1] : nil)
  }
}
