// Import and syntax errors. Python compiles and imports modules at start, so a SyntaxError, or an
// ImportError raised while the app is being loaded (a `<module>` frame, gunicorn's worker boot,
// `create_app`, the lifespan), means the service cannot start: P0. An import that fails later, inside
// a request, breaks the feature that needed it: P1.

import GardenKit

/// P0 for import/syntax errors at start, P1 for imports failing at run time.
struct ImportAtStartRule: CodeRule {
  let name = "import-at-start"

  static let syntaxTypes: Set<String> = ["SyntaxError", "IndentationError", "TabError"]
  static let importTypes: Set<String> = ["ImportError", "ModuleNotFoundError"]
  /// Words in the text that show the error came while the app was loading.
  static let startMarkers = [
    "load_wsgi", "import_app", "init_process", "spawn_worker", "create_app", "lifespan", "startup",
    "worker failed to boot", "<module>",
  ]

  func evaluate(_ f: ClusterFacts, _ context: RuleContext) -> Finding? {
    guard f.severity >= .error else { return nil }
    let type = f.cluster.errorType ?? ""
    let syntax =
      Self.syntaxTypes.contains(type) || f.has("syntaxerror:")
      || f.has("indentationerror:")
    let importing =
      Self.importTypes.contains(type) || f.has("modulenotfounderror")
      || f.has("importerror") || f.has("no module named")
      || f.has("cannot import name")
    guard syntax || importing else { return nil }
    let kind =
      syntax
      ? (Self.syntaxTypes.contains(type) ? type : "SyntaxError")
      : (type.isEmpty ? "ImportError" : type)
    let atStart =
      syntax || f.cluster.frames.contains { $0.function == "<module>" }
      || f.cluster.origin?.function == "<module>"
      || Self.startMarkers.contains { f.has($0) }
    if atStart {
      return Finding(
        rule: name, priority: .p0,
        reason:
          "\(f.severityName) at startup: the service cannot start (\(kind) while loading the code; \(f.countPhrase))",
        startupSign: true)
    }
    return Finding(
      rule: name, priority: .p1,
      reason:
        "\(f.severityName) import at run time: a feature that needs the missing code is broken (\(kind); \(f.countPhrase))"
    )
  }
}
