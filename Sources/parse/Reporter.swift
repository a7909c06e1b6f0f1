// Everything garden-parse says on stderr goes through here: rejected input (counted, optionally
// saved whole, the first 20 reported), warnings (repeated kinds are capped: a bad export must not
// flood the terminal), and notes. Messages are also kept in memory, a few hundred at most, for tests.
import GardenKit

final class Reporter {
  let diagnostics: Diagnostics
  let rejects: RejectsWriter?
  private(set) var rejected = 0
  /// The stderr lines written, in order (capped).
  private(set) var messages: [String] = []
  private var warningCounts: [String: Int] = [:]
  /// How many warnings of one kind are printed before the rest are only counted.
  static let warningsShownPerKind = 20

  init(diagnostics: Diagnostics, rejects: RejectsWriter?) {
    self.diagnostics = diagnostics
    self.rejects = rejects
  }

  /// Reports and counts one rejected piece of input.
  func reject(file: String, line: Int, reason: String, text: @autoclosure () -> String) throws {
    rejected += 1
    if rejected <= RecordSource.rejectsShown {
      diagnostics.report(file: file, line: line, reason)
      keep("\(file):\(line): \(reason)")
    }
    try rejects?.reject(file: file, line: line, reason: reason, text: text())
  }

  /// A warning about one place in the input; after `warningsShownPerKind` of the same kind the rest
  /// are only counted (`suppressedSummary` tells how many).
  func warn(kind: String, file: String?, line: Int?, _ reason: String) {
    let n = warningCounts[kind, default: 0] + 1
    warningCounts[kind] = n
    guard n <= Self.warningsShownPerKind else { return }
    diagnostics.report(file: file, line: line, "warning: " + reason)
    keep("warning: " + reason)
  }

  /// A message about the run or a whole file.
  func note(file: String?, _ message: String) {
    diagnostics.report(file: file, line: nil, message)
    keep((file.map { $0 + ": " } ?? "") + message)
  }

  /// Lines saying how many warnings of each kind were not printed, sorted by kind.
  var suppressedSummary: [String] {
    warningCounts.keys.sorted().compactMap { k in
      let n = warningCounts[k] ?? 0
      return n > Self.warningsShownPerKind
        ? "\(n - Self.warningsShownPerKind) more '\(k)' warnings not shown" : nil
    }
  }

  func finish() throws {
    if rejected > RecordSource.rejectsShown {
      note(
        file: nil,
        "\(rejected - RecordSource.rejectsShown) more rejected lines not shown (\(rejected) in all; --rejects FILE keeps them whole)"
      )
    }
    for line in suppressedSummary { diagnostics.note(line) }
    try rejects?.close()
  }

  private func keep(_ m: String) { if messages.count < 500 { messages.append(m) } }
}
