// Small wording helpers shared by the reason sentences, so every number is written the same way
// ("1 event", "12 events", "2.5/h", "1 h") and nothing depends on the locale.

enum Phrases {
  /// "1 event", "12 events".
  static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
    "\(n) " + (n == 1 ? singular : (plural ?? singular + "s"))
  }

  /// A non-negative number with at most one decimal ("3", "2.5", "120"), half away from zero.
  static func number(_ x: Double) -> String {
    guard x.isFinite, x >= 0 else { return "0" }
    if x >= 1e15 { return "\(x)" }
    if x >= 10 || x == x.rounded() { return String(Int(x.rounded())) }
    let tenths = Int((x * 10).rounded())
    return tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10).\(tenths % 10)"
  }

  /// "30/h".
  static func rate(_ perHour: Double) -> String { number(perHour) + "/h" }

  /// "1 h", "1.5 h", "30 min" for windows under an hour.
  static func duration(hours: Double) -> String {
    if hours < 1 { return number(hours * 60) + " min" }
    return number(hours) + " h"
  }

  /// "12 events on 2 revisions" (revisions left out when the cluster names none).
  static func eventsOnRevisions(_ count: Int, _ revisions: Int) -> String {
    revisions == 0
      ? Phrases.count(count, "event")
      : Phrases.count(count, "event") + " on " + Phrases.count(revisions, "revision")
  }

  /// A short quoted title for health evidence and symptom reasons: at most `max` characters.
  static func quoted(_ text: String, max: Int = 60) -> String {
    let flat = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\t" }).joined(
      separator: " ")
    if flat.count <= max { return "'" + flat + "'" }
    return "'" + flat.prefix(max - 1) + "…'"
  }

  /// "a, b and c".
  static func list(_ items: [String]) -> String {
    switch items.count {
    case 0: return ""
    case 1: return items[0]
    default: return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }
  }
}
