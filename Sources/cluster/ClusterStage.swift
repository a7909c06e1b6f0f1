// garden-cluster: events in, one `cluster` record per distinct problem out (or, with --assign, every
// event annotated with its cluster). Metas are forwarded in order and other record kinds pass through.

import GardenKit

struct ClusterStage {
  static let spec = StageSpec(
    program: "garden-cluster",
    abstract: "group events into distinct problems with stable fingerprints",
    discussion: """
      Reads `event` records (garden-parse output) and writes one `cluster` record per distinct problem,
      most frequent first, after forwarding every `meta` record; other record kinds pass through.
      Events with an exception or stack are grouped by service, error type, cause, the innermost own-code
      frames (module and function, no line numbers) and the masked message; other events by a mined
      message template in which ids, numbers, durations, paths, addresses and quoted values are <*>.
      Fingerprints are FNV-1a 64 of the canonical signature (docs/fingerprints.md): the same on every run,
      machine and input order. `signatures` lists every member signature (aliases for issue matching).
      Memory grows with the number of distinct keys, not events.
      """,
    options: [
      OptionSpec(
        "assign",
        help:
          "Write every event, in input order, with `cluster` and `template` added, instead of clusters."
      ),
      OptionSpec(
        "partial",
        help: "Add `members` to each cluster so shards can be combined later with --merge."),
      OptionSpec(
        "merge",
        help:
          "Read cluster records written with --partial (several shards) and combine them into the clusters one run over all input would give."
      ),
      OptionSpec(
        "by", value: "service|none", help: "Whether the service is part of a cluster's identity.",
        default: "service"),
      OptionSpec(
        "max-samples", value: "N",
        help: "Sample events kept per cluster (first, most severe, last).", default: "3"),
      OptionSpec(
        "bucket", value: "SECONDS",
        help:
          "Histogram bucket size; by default chosen from the window (5 min up to 2 h, 15 min up to 12 h, 1 h up to 4 days, else 1 day)."
      ),
      OptionSpec(
        "rejects", value: "FILE",
        help:
          "Also write each rejected input line, whole and scrubbed, with its reason, to FILE (NDJSON)."
      ),
    ],
    examples: [
      (
        "cluster a parsed export",
        "garden-parse examples/staging-export.json | garden-cluster > clusters.ndjson"
      ),
      (
        "see which template each line got",
        "garden-parse --format lines app.log | garden-cluster --assign | jq -r '[.src.line,.template]|@tsv'"
      ),
      (
        "map on shards, merge once",
        "for f in part-*.json; do garden-parse \"$f\" | garden-cluster --partial; done | garden-cluster --merge"
      ),
    ],
    exitStatuses: [.ok, .rejected, .partial, .usage, .dataError, .noInput, .software, .ioError])

  let args: Arguments
  let diagnostics: Diagnostics

  func run() throws -> ExitStatus {
    let byService = try args.choice("by", ["service", "none"], default: "service") == "service"
    let maxSamples = try args.int("max-samples", default: 3, in: 0...100)
    let bucket =
      args.value("bucket") == nil ? nil : try args.int("bucket", default: 300, in: 1...31_536_000)
    let assign = args.flag("assign")
    let merge = args.flag("merge")
    let partial = args.flag("partial")
    if assign && merge {
      throw StageError(
        .usage, Arguments.usage(Self.spec, "--assign and --merge cannot be combined"))
    }
    let rejects = try args.value("rejects").map { path throws(StageError) in
      try RejectsWriter(path: path)
    }
    let source = RecordSource(paths: args.inputs, diagnostics: diagnostics, rejects: rejects)
    let out = OutputStream()
    var grouper = Grouper(byService: byService)
    let spool = assign ? try AssignSpool() : nil
    var passed = 0
    var metas = 0
    var clustersIn = 0
    var membersIn = 0
    var warnings: [String] = []
    var upstreamMarkedIncomplete = false
    try source.forEachRecord { rec in
      switch rec.kind {
      case "meta":
        metas += 1
        // An upstream stage that says its own output is partial makes this output partial too.
        if rec.object["complete"]?.bool == false { upstreamMarkedIncomplete = true }
        try out.writeRecord(rec.object)
      case "event" where !merge:
        let view = EventView(record: rec.object)
        let ref = grouper.add(view)
        try spool?.append(ref, rec.object)
      case "cluster" where merge:
        clustersIn += 1
        guard let members = rec.object["members"]?.array else {
          try source.reject(
            rec.file, rec.line,
            "cluster record has no `members`: write shards with `garden-cluster --partial`",
            text: JSONWriter.string(.object(rec.object)))
          return
        }
        for m in members {
          guard let (stats, keyRecord, scope, et, rt) = Members.read(m) else {
            try source.reject(
              rec.file, rec.line, "cluster record has a malformed member",
              text: JSONWriter.string(m))
            continue
          }
          membersIn += 1
          grouper.absorb(
            stats, record: keyRecord, scopeCanonical: scope, errorType: et, rootType: rt)
        }
      default:
        passed += 1
        try out.writeRecord(rec.object)
      }
    }
    let builder = ClusterBuilder(bucketSeconds: bucket, maxSamples: maxSamples)
    let built = builder.build(&grouper)
    if let spool {
      // Map every (scope, key) to its final cluster, then annotate the spooled events.
      var byKey: [KeyRef: (String, String)] = [:]
      for b in built {
        for m in b.members {
          byKey[KeyRef(scope: b.scope, key: m.id)] = (b.cluster.fingerprint, b.cluster.template)
        }
      }
      var tail: [UInt8] = []
      try spool.replay { ref, json in
        guard let (fp, template) = byKey[ref], json.count > 1 else { return }
        tail.removeAll(keepingCapacity: true)
        tail.append(contentsOf: UnsafeBufferPointer(rebasing: json[..<(json.count - 1)]))
        tail.append(contentsOf: ",\"cluster\":".utf8)
        JSONWriter.writeString(fp, into: &tail)
        tail.append(contentsOf: ",\"template\":".utf8)
        JSONWriter.writeString(template, into: &tail)
        tail.append(UInt8(ascii: "}"))
        try tail.withUnsafeBufferPointer { try out.writeRawLine($0) }
      }
    } else {
      for b in built {
        var record = b.cluster.record
        if partial {
          let scope = grouper.scopes[b.scope]
          record["members"] = .array(
            b.members.map {
              Members.json($0.stats, record: scope.miner.keyRecord($0.id), scope: scope)
            })
        }
        try out.writeRecord(record)
      }
    }
    if let w = source.upstreamWarning { warnings.append(w) }
    var meta = MetaRecord(stage: "cluster")
    meta.setCount("records_in", source.recordsIn)
    meta.setCount("events_in", merge ? 0 : grouper.eventCount)
    if merge {
      meta.setCount("clusters_in", clustersIn)
      meta.setCount("members_in", membersIn)
    }
    meta.setCount("meta_in", metas)
    meta.setCount("passed_through", passed)
    meta.setCount("rejected", source.rejected)
    meta.setCount(assign ? "events_out" : "clusters_out", assign ? grouper.eventCount : built.count)
    meta.setCount("events_in_clusters", built.reduce(0) { $0 + $1.cluster.count })
    meta.warnings = warnings
    meta.complete = !source.upstreamIncomplete && !upstreamMarkedIncomplete
    try out.writeRecord(meta.record)
    try out.flush()
    try rejects?.close()
    if !meta.complete { return .partial }
    return source.rejected > 0 ? .rejected : .ok
  }
}
