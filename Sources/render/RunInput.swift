// Reads the whole stream render consumes: every `meta` record in order and every `cluster` record.
// Other kinds (events piped straight from parse, say) are counted and named in the worklog, never
// silently ignored. Malformed lines are rejected by RecordSource (stderr line, count).

import GardenKit

/// Everything read from the input.
struct RunInput {
  var metas: [StageMeta] = []
  var clusters: [ClusterEntry] = []
  /// Records of other kinds, by kind, sorted by name.
  var otherKinds: [(String, Int)] = []
  /// Lines that held a record or were rejected.
  var recordsIn = 0
  var rejected = 0
  /// The input did not end with a `meta` record.
  var upstreamIncomplete = false

  /// Reads `paths` (`-` is stdin).
  static func read(paths: [String], diagnostics: Diagnostics) throws -> RunInput {
    let source = RecordSource(paths: paths, diagnostics: diagnostics)
    var run = RunInput()
    var other: [String: Int] = [:]
    try source.forEachRecord { rec in
      switch rec.kind {
      case "meta": run.metas.append(StageMeta(record: rec.object))
      case "cluster":
        // Without its fingerprint or count a cluster cannot be named, linked or counted: reject
        // it, as score does.
        if let problem = ClusterRecordCheck.problem(rec.object) {
          try source.reject(
            rec.file, rec.line, problem, text: JSONWriter.string(.object(rec.object)))
          return
        }
        run.clusters.append(ClusterEntry(record: rec.object, inputIndex: run.clusters.count))
      default: other[rec.kind, default: 0] += 1
      }
    }
    run.otherKinds = other.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    run.recordsIn = source.recordsIn
    run.rejected = source.rejected
    run.upstreamIncomplete = source.upstreamIncomplete || (source.recordsIn > 0 && !source.sawMeta)
    return run
  }
}
