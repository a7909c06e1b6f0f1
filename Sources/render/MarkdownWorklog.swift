// The Markdown worklog: the sections in reading order, each a pure function of the Worklog that returns
// "" when it has nothing to say. Adding a section means one file in Sections/ and one line here.

/// A part of the Markdown worklog.
protocol WorklogSection {
  /// The section's Markdown (ending in a newline), or "" to leave it out.
  static func render(_ w: Worklog) -> String
}

/// Renders the whole Markdown document.
enum MarkdownWorklog {
  static let sections: [any WorklogSection.Type] = [
    HeaderSection.self,
    SummarySection.self,
    ChartSection.self,
    ClusterSections.self,
    StatusSection.self,
    NextStepsSection.self,
    SearchSection.self,
    IssueResultsSection.self,
    AccountingSection.self,
  ]

  static func render(_ w: Worklog) -> String {
    sections.map { $0.render(w) }.filter { !$0.isEmpty }.joined(separator: "\n")
  }
}
