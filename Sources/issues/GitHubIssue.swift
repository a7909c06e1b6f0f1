// One existing GitHub issue, read from either listing form: `gh issue list --json …` (camelCase,
// OPEN/CLOSED, stateReason) or the REST API that `gh api` returns (snake_case, open/closed,
// state_reason, html_url; pull requests mixed in).
import GardenKit

/// An issue as the matcher sees it.
struct GitHubIssue: Equatable {
  var number: Int
  var title: String
  var body: String
  /// `OPEN` or `CLOSED`.
  var state: String
  /// `COMPLETED`, `NOT_PLANNED`, `DUPLICATE`, `REOPENED`, or nil when the listing did not say.
  var stateReason: String?
  var labels: [String]
  var url: String?
  var closedAt: String?
  var updatedAt: String?

  var isOpen: Bool { state == "OPEN" }

  /// What reading one listing entry gave.
  enum Parsed {
    case issue(GitHubIssue)
    case pullRequest
    case invalid(String)
  }

  /// Reads one entry of either form.
  static func parse(_ v: JSONValue) -> Parsed {
    guard let o = v.object else { return .invalid("an entry is not a JSON object") }
    if let pr = o["pull_request"], pr != .null { return .pullRequest }
    guard let number = o["number"]?.int, number > 0 else {
      return .invalid("an entry has no issue number")
    }
    let rawState = (o["state"]?.string ?? "").uppercased()
    let state = rawState == "CLOSED" ? "CLOSED" : "OPEN"
    var reason = (o["stateReason"]?.string ?? o["state_reason"]?.string)?.uppercased()
    if reason?.isEmpty == true { reason = nil }
    let labels: [String] =
      o["labels"]?.array?.compactMap { l in l.string ?? l.object?["name"]?.string }.sorted() ?? []
    return .issue(
      GitHubIssue(
        number: number, title: o["title"]?.string ?? "", body: o["body"]?.string ?? "",
        state: state, stateReason: reason, labels: labels,
        url: o["url"]?.string.flatMap { $0.contains("api.github.com") ? nil : $0 }
          ?? o["html_url"]?.string,
        closedAt: o["closedAt"]?.string ?? o["closed_at"]?.string,
        updatedAt: o["updatedAt"]?.string ?? o["updated_at"]?.string))
  }

  /// True when any label equals one of `names`, case-insensitively.
  func hasLabel(in names: [String]) -> Bool {
    let lower = Set(names.map { $0.lowercased() })
    return labels.contains { lower.contains($0.lowercased()) }
  }
}
