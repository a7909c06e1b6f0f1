// The hidden markers that make this tool's writes recognisable on later runs (docs/issues.md, "Markers").
//
//   issue body:  <!-- log-gardener v=1 fingerprint=FP aliases=FP2,FP3 key=KEY window=START/END -->
//   comment:     <!-- log-gardener update v=1 fingerprint=FP window=START/END -->
//
// One line each, outside any code fence. Values are restricted to [A-Za-z0-9:._+/-] so that log text can
// never end the comment or smuggle a field. Markers inside fenced code (a person quoting one) are ignored.

/// A parsed log-gardener marker.
struct Marker: Equatable {
  /// nil for an issue marker, `update` for an evidence comment.
  var verb: String?
  var fingerprint: String
  var aliases: [String] = []
  /// Structural key for tier 1: service, error type and top frame, hashed.
  var key: String?
  /// The evidence window (`START/END`) the issue or comment was written from.
  var window: String?

  static let prefix = "<!-- log-gardener"

  /// Every fingerprint this marker claims.
  var allFingerprints: [String] { [fingerprint] + aliases }

  /// The one-line HTML comment.
  var line: String {
    var parts = [Self.prefix]
    if let verb { parts.append(Self.clean(verb)) }
    parts.append("v=1")
    parts.append("fingerprint=" + Self.clean(fingerprint))
    let a = aliases.map(Self.clean).filter { !$0.isEmpty && $0 != Self.clean(fingerprint) }
    if !a.isEmpty { parts.append("aliases=" + a.joined(separator: ",")) }
    if let key, !key.isEmpty { parts.append("key=" + Self.clean(key)) }
    if let window, !window.isEmpty { parts.append("window=" + Self.clean(window)) }
    parts.append("-->")
    return parts.joined(separator: " ")
  }

  /// Keeps only the characters a marker value may hold.
  static func clean(_ s: String) -> String {
    var out = ""
    for u in s.unicodeScalars {
      switch u {
      case "a"..."z", "A"..."Z", "0"..."9", ":", ".", "_", "+", "/": out.unicodeScalars.append(u)
      case "-": if !out.hasSuffix("-") { out.unicodeScalars.append(u) }  // never "--"
      default: continue
      }
    }
    return out
  }

  /// Parses one line, or nil when it is not a marker.
  static func parse(line raw: Substring) -> Marker? {
    let t = raw.trimmingSpaces
    guard t.hasPrefix(prefix + " "), t.hasSuffix("-->") else { return nil }
    let inner = t.dropFirst(prefix.count).dropLast(3)
    var m = Marker(fingerprint: "")
    for (i, word) in inner.split(separator: " ").enumerated() {
      guard let eq = word.firstIndex(of: "=") else {
        if i == 0 { m.verb = String(word) }
        continue
      }
      let name = word[..<eq]
      let value = String(word[word.index(after: eq)...])
      switch name {
      case "fingerprint", "fp": m.fingerprint = value
      case "aliases": m.aliases = value.split(separator: ",").map(String.init)
      case "key": m.key = value
      case "window": m.window = value
      default: continue
      }
    }
    return m.fingerprint.isEmpty ? nil : m
  }

  /// Every marker in `text` that sits outside fenced code blocks, in order.
  static func all(in text: String) -> [Marker] {
    var out: [Marker] = []
    for (line, fenced) in FenceScanner.lines(of: text) where !fenced {
      if let m = parse(line: line) { out.append(m) }
    }
    return out
  }

  /// The issue marker of a body (the last one outside fences), ignoring comment markers.
  static func issueMarker(in body: String) -> Marker? {
    all(in: body).last { $0.verb == nil }
  }

  /// The body with its issue marker line replaced by `marker` (appended when it had none).
  static func replacing(in body: String, with marker: Marker) -> String {
    var lines: [String] = []
    var replaced = false
    for (line, fenced) in FenceScanner.lines(of: body) {
      if !fenced, !replaced, let m = parse(line: line), m.verb == nil {
        lines.append(marker.line)
        replaced = true
      } else {
        lines.append(String(line))
      }
    }
    if !replaced { lines.append(contentsOf: ["", marker.line]) }
    return lines.joined(separator: "\n")
  }
}

/// Walks Markdown lines and tells which are inside fenced code (CommonMark fence rules, simplified).
enum FenceScanner {
  /// Each line (CRLF tolerated) and whether it is part of a fenced block, fence lines included.
  static func lines(of text: String) -> [(Substring, Bool)] {
    var out: [(Substring, Bool)] = []
    var open: (Character, Int)?
    for var line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasSuffix("\r") { line = line.dropLast() }
      let (char, len, rest) = fence(line)
      if let o = open {
        out.append((line, true))
        if char == o.0, len >= o.1, rest.trimmingSpaces.isEmpty { open = nil }
      } else if let char, len >= 3, !(char == "`" && rest.contains("`")) {
        out.append((line, true))
        open = (char, len)
      } else {
        out.append((line, false))
      }
    }
    return out
  }

  /// The fence character, run length and the rest of a line indented at most 3 spaces.
  static func fence(_ line: Substring) -> (Character?, Int, Substring) {
    var s = line[...]
    var indent = 0
    while let f = s.first, f == " ", indent < 4 {
      s = s.dropFirst()
      indent += 1
    }
    guard indent <= 3, let c = s.first, c == "`" || c == "~" else { return (nil, 0, s) }
    var n = 0
    while let f = s.first, f == c {
      s = s.dropFirst()
      n += 1
    }
    return (c, n, s)
  }
}

extension Substring {
  var trimmingSpaces: Substring {
    var s = self
    while let f = s.first, f == " " || f == "\t" || f == "\r" { s = s.dropFirst() }
    while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
    return s
  }
}
