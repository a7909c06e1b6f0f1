// Shortening text to a budget with a visible marker, without splitting a character.

/// Cuts sequences of rendered pieces to a length budget and says how much was left out.
enum LengthLimit {
  /// The marker appended when `dropped` characters were cut: `…(+N chars)`.
  static func marker(dropped: Int) -> String { "…(+\(dropped) chars)" }

  /// Joins `pieces` (each the rendering of one source `Character`; `total` source characters in
  /// all, of which only the first `pieces.count` were rendered) if everything fits `limit`
  /// Unicode scalars; otherwise keeps the longest prefix that leaves room for the marker, drops
  /// trailing spaces before it, and appends the marker.
  ///
  /// Scalars, not grapheme clusters, are counted: that bounds the size even for text stacked
  /// with combining marks, and GitHub's limits count code points. The result never exceeds
  /// `limit` unless the marker alone does.
  static func joined(_ pieces: [String], total: Int, limit: Int) -> String {
    let lengths = pieces.map { $0.unicodeScalars.count }
    if total == pieces.count && lengths.reduce(0, +) <= limit { return pieces.joined() }
    // Room for the longest marker this text can need, so one forward pass finds the cut.
    let room = limit - marker(dropped: total).unicodeScalars.count
    var kept = 0
    var used = 0
    while kept < pieces.count && used + lengths[kept] <= room {
      used += lengths[kept]
      kept += 1
    }
    while kept > 0 && pieces[kept - 1].allSatisfy(\.isWhitespace) { kept -= 1 }
    return pieces[0..<kept].joined() + marker(dropped: total - kept)
  }

  /// `text` cut to `limit` scalars with the marker, at a character boundary.
  static func shortened(_ text: String, limit: Int) -> String {
    if text.unicodeScalars.count <= limit { return text }
    let head = text.prefix(max(0, limit)).map(String.init)
    return joined(head, total: text.count, limit: limit)
  }
}
