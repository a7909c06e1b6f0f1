// Line splitting that treats `\n` and `\r\n` alike (Swift's Character view fuses `\r\n`).

/// Splits text into lines without copying.
enum TextLines {
  /// The lines of `text`, without their `\n` or `\r\n`. A trailing newline adds no empty line.
  static func split(_ text: String) -> [Substring] {
    var out: [Substring] = []
    let u = text.utf8
    var start = u.startIndex
    var i = u.startIndex
    while i != u.endIndex {
      if u[i] == 10 {
        var end = i
        if end > start, u[u.index(before: end)] == 13 { end = u.index(before: end) }
        out.append(text[start..<end])
        start = u.index(after: i)
      }
      i = u.index(after: i)
    }
    if start != u.endIndex {
      var end = u.endIndex
      if u[u.index(before: end)] == 13 { end = u.index(before: end) }
      out.append(text[start..<end])
    }
    return out
  }
}
