// One Mermaid `xychart-beta` chart for the whole run: events per bucket, stacked by priority. Mermaid
// has no stacked bars, so cumulative series are drawn over each other (all events at the back, P0 in
// front) with a fixed palette, and a caption names the colours. No log text enters the chart.

import GardenKit

/// The whole-run timeline chart.
enum ChartSection: WorklogSection {
  /// A series: its caption, colour and which priority ranks it sums (rank ≤ maxRank, or everything).
  struct Series {
    var caption: String
    var color: String
    var colorName: String
    var maxRank: Int?
  }

  static let layers: [Series] = [
    Series(caption: "all events", color: "#8b949e", colorName: "grey", maxRank: nil),
    Series(caption: "P0–P2", color: "#d4a72c", colorName: "yellow", maxRank: 2),
    Series(caption: "P0–P1", color: "#fb8f44", colorName: "orange", maxRank: 1),
    Series(caption: "P0", color: "#cf222e", colorName: "red", maxRank: 0),
  ]

  static func render(_ w: Worklog) -> String {
    guard let t = w.timeline, t.bucketCount >= 2 else { return "" }
    let placed = w.clusters.compactMap { c in c.cluster.histogram.map { (c, t.place($0)) } }
    let ranks = Set(w.clusters.map { $0.muted ? Int.max : $0.priorityRank })
    // A layer is drawn when some cluster falls in it and not in the next layer in front.
    var chosen: [(Series, [Int])] = []
    for (i, layer) in layers.enumerated() {
      let front = i + 1 < layers.count ? layers[i + 1].maxRank : nil
      let own = ranks.contains { r in
        (layer.maxRank.map { r <= $0 } ?? true) && !(front.map { r <= $0 } ?? false)
      }
      guard own else { continue }
      var sums = Array(repeating: 0, count: t.bucketCount)
      for (c, counts) in placed {
        let r = c.muted ? Int.max : c.priorityRank
        guard layer.maxRank.map({ r <= $0 }) ?? true else { continue }
        for k in counts.indices { sums[k] = [sums[k], counts[k]].saturatingSum }
      }
      chosen.append((layer, sums))
    }
    let top = chosen.map { $0.1.max() ?? 0 }.max() ?? 0
    guard top > 0, !chosen.isEmpty else { return "" }

    let spansDays = t.bucketStart(0).parts().date != t.bucketStart(t.bucketCount - 1).parts().date
    let labels = (0..<t.bucketCount).map { i -> String in
      let p = t.bucketStart(i).parts()
      if t.bucketSeconds >= 86400 { return p.date }
      return (spansDays ? String(p.date.dropFirst(5)) + " " : "") + String(p.time.prefix(5))
    }
    var s = "## Timeline\n\n"
    s += "Events per \(durationText(t.bucketSeconds)) from " + t.start.utc + ".\n\n"
    s += "```mermaid\n"
    s +=
      "%%{init: {\"themeVariables\": {\"xyChart\": {\"plotColorPalette\": \""
      + chosen.map(\.0.color).joined(separator: ", ") + "\"}}}}%%\n"
    s += "xychart-beta\n"
    s += "  title \"Events per \(durationText(t.bucketSeconds)) (UTC), by priority\"\n"
    s += "  x-axis [" + labels.map { "\"\($0)\"" }.joined(separator: ", ") + "]\n"
    s += "  y-axis \"events\" 0 --> \(niceCeiling(top))\n"
    for (_, sums) in chosen {
      s += "  bar [" + sums.map(String.init).joined(separator: ", ") + "]\n"
    }
    s += "```\n\n"
    s +=
      "Bars overlap, front to back: "
      + chosen.reversed().map { "\($0.0.colorName) \($0.0.caption)" }.joined(separator: ", ")
      + ".\n"
    return s
  }

  /// 1, 2 or 5 times a power of ten, at least `n`.
  static func niceCeiling(_ n: Int) -> Int {
    var p = 1
    while p <= Int.max / 50 {
      for m in [1, 2, 5] where m * p >= n { return m * p }
      p *= 10
    }
    return n
  }
}
