// A short human name for a cluster, for worklog headings and issue titles.

import GardenKit

enum Title {
  /// Longest title, in characters.
  static let maxLength = 90

  static func make(errorType: String?, origin: Frame?, template: String, group: String) -> String {
    var t: String
    if group == "exception", let errorType {
      let short = errorType.split(separator: ".").last.map(String.init) ?? errorType
      t = short
      if let fn = origin?.function, !fn.isEmpty { t += " in \(fn)" }
      var value = template
      if value.hasPrefix(errorType + ": ") { value.removeFirst(errorType.count + 2) }
      if !value.isEmpty { t += ": " + value }
    } else {
      t = template.isEmpty ? "(empty message)" : template
    }
    t = t.split(whereSeparator: { $0 == "\n" || $0 == "\t" }).joined(separator: " ")
    if t.count > maxLength { t = String(t.prefix(maxLength - 1)) + "…" }
    return t
  }
}
