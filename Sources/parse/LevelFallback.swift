// Interim stand-in for the Text/ folder's TextLineClassifier (branch `traces`), so that a level
// written in the text can already beat the platform's blanket severity. The lead deletes this file
// when that branch is merged; callers already use the real type's name and signature.
import GardenKit

enum TextLineClassifier {
  private static let words: [(String, Severity)] = [
    ("EMERGENCY", .emergency), ("ALERT", .alert), ("CRITICAL", .critical), ("FATAL", .critical),
    ("ERROR", .error), ("WARNING", .warning), ("WARN", .warning), ("NOTICE", .notice),
    ("INFO", .info), ("DEBUG", .debug),
  ]

  /// The level a log line states near its start (`[ERROR]`, `- WARNING -`, `level=error`,
  /// `ERROR:`, glog `E1203 …`, a leading `Error:`), or nil.
  static func level(in line: String) -> Severity? {
    let head = String(line.utf8.prefix(160)) ?? String(line.prefix(160))
    let b = Array(head.utf8)
    // glog: a level letter, MMDD, a space, hh:
    if b.count >= 9, b[1...4].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), b[5] == 0x20 {
      switch b[0] {
      case UInt8(ascii: "E"): return .error
      case UInt8(ascii: "W"): return .warning
      case UInt8(ascii: "F"): return .critical
      case UInt8(ascii: "I"): return .info
      default: break
      }
    }
    let lower = head.lowercased()
    for key in ["level=", "severity=", "lvl="] {
      if let r = lower.range(of: key) {
        let word = lower[r.upperBound...].prefix { $0.isLetter }
        if let s = Severity(name: String(word)) { return s }
      }
    }
    if lower.contains("invalid argument \""), lower.contains("\" flag: ") { return .error }
    // Python's warnings module: `/path/mod.py:31: UserWarning: …`
    if let py = head.range(of: ".py:"), let w = head.range(of: "Warning: "),
      py.upperBound < w.lowerBound
    {
      return .warning
    }
    // Words of the head; upper-case level words count anywhere, `[error]` in brackets,
    // `Error:` only as the first word.
    var tokens: [(word: Substring, before: Character?, after: Character?)] = []
    var i = head.startIndex
    while i < head.endIndex {
      guard head[i].isLetter else {
        i = head.index(after: i)
        continue
      }
      let start = i
      while i < head.endIndex, head[i].isLetter || head[i] == "_" { i = head.index(after: i) }
      let before = start > head.startIndex ? head[head.index(before: start)] : nil
      tokens.append((head[start..<i], before, i < head.endIndex ? head[i] : nil))
    }
    for (n, t) in tokens.enumerated() {
      let upper = t.word.uppercased()
      guard let s = words.first(where: { $0.0 == upper })?.1 else { continue }
      if t.word == upper, t.after != "=" { return s }
      if t.before == "[", t.after == "]" { return s }
      if n == 0, t.after == ":", t.word.first?.isUppercase == true { return s }
    }
    return nil
  }
}
