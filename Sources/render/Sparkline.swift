// A Unicode sparkline of a histogram: one block character per bucket, scaled to the largest bucket.
// Empty buckets show as `·` so a pause is visible; any non-zero bucket shows at least `▁`. Long
// histograms are folded (adjacent buckets summed) to at most `maxWidth` characters.

/// Renders counts as a one-line chart.
enum Sparkline {
  static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
  static let empty: Character = "·"
  /// Widest sparkline, in characters (buckets beyond are summed together).
  static let maxWidth = 48

  /// The sparkline of `counts`, folded to `maxWidth`.
  static func render(_ counts: [Int]) -> String {
    let folded = fold(counts, into: maxWidth).counts
    let top = folded.max() ?? 0
    guard top > 0 else { return String(repeating: empty, count: folded.count) }
    return String(
      folded.map { n -> Character in
        guard n > 0 else { return empty }
        let level = Int((Double(n) / Double(top) * Double(blocks.count)).rounded(.up))
        return blocks[min(blocks.count, max(1, level)) - 1]
      })
  }

  /// Sums runs of `factor` adjacent buckets so that at most `width` remain.
  static func fold(_ counts: [Int], into width: Int) -> (counts: [Int], factor: Int) {
    guard width > 0, counts.count > width else { return (counts, 1) }
    let factor = (counts.count + width - 1) / width
    var out: [Int] = []
    var i = 0
    while i < counts.count {
      out.append(counts[i..<min(counts.count, i + factor)].saturatingSum)
      i += factor
    }
    return (out, factor)
  }
}
