// `--format json`: one pretty document for other tools: the run facts render computed (window,
// generated time, counts, accounting, warnings, focus), every meta record as read, and every cluster
// record shown, in rendered order, unchanged except for an added `label`.

import GardenKit

/// Renders the JSON document.
enum JSONWorklog {
  static func render(_ w: Worklog) -> String {
    var o = JSONObject()
    o.append("kind", .string("worklog"))
    o.append("schema", .string(StreamSchema.version))
    o.append("generator", .string("garden-render \(gardenVersion)"))
    o.append("generated", .optional(w.generated?.rfc3339))
    o.append("generated_source", .string(w.generatedSource))
    o.append(
      "window",
      .object(
        JSONObject([
          "start": .optional(w.windowStart?.rfc3339), "end": .optional(w.windowEnd?.rfc3339),
          "source": .optional(w.windowSource), "tz": w.options.zone.map { .string($0.identifier) },
        ])))
    o.append("projects", .array(w.projects.map { .string($0) }))
    o.append("services", .array(w.services.map { .string($0) }))
    if let c = w.options.command { o.append("command", .string(c)) }
    if let f = w.options.focus {
      o.append(
        "focus",
        .object(
          JSONObject([
            "term": .string(f), "matched": .int(w.focusCount), "dropped": .int(w.droppedByFocus),
          ])))
    }
    if let n = w.entriesRead { o.append("entries_read", .int(n)) }
    var sev = JSONObject()
    for (k, v) in w.severityCounts { sev.append(k, .int(v)) }
    o.append("severity_counts", .object(sev))
    o.append("severity_counts_source", .string(w.severityFromParse ? "parse" : "clusters"))
    var counts = JSONObject()
    counts.append("records_in", .int(w.input.recordsIn))
    counts.append("meta", .int(w.input.metas.count))
    counts.append("cluster", .int(w.input.clusters.count))
    for (k, v) in w.input.otherKinds { counts.append(k, .int(v)) }
    counts.append("rejected", .int(w.input.rejected))
    counts.append("clusters_shown", .int(w.clusters.count))
    counts.append("events_in_clusters", .int(w.input.clusters.map(\.cluster.count).saturatingSum))
    o.append("counts", .object(counts))
    var prio = JSONObject()
    for name in Set(w.clusters.filter { !$0.muted }.map(\.priorityName)).sorted(by: {
      SummarySection.rank($0) < SummarySection.rank($1)
    }) {
      let list = w.clusters.filter { !$0.muted && $0.priorityName == name }
      prio.append(
        name,
        .object(
          JSONObject([
            "clusters": .int(list.count), "events": .int(list.map(\.cluster.count).saturatingSum),
          ])))
    }
    o.append("priorities", .object(prio))
    var issues = JSONObject()
    for (k, v) in IssuePhrase.tally(w.clusters) { issues.append(k, .int(v)) }
    o.append("issue_actions", .object(issues))
    o.append(
      "accounting",
      .array(
        w.accounts.map { a in
          var d = JSONObject()
          for (k, v) in a.drops { d.append(k, .int(v)) }
          return .object(
            JSONObject([
              "stage": .string(a.stage),
              "in": a.input.map {
                .object(JSONObject(["name": .string($0.0), "value": .int($0.1)]))
              },
              "out": a.output.map {
                .object(JSONObject(["name": .string($0.0), "value": .int($0.1)]))
              },
              "drops": .object(d), "adds_up": a.unaccounted.map { .bool($0 == 0) },
            ]))
        }))
    o.append(
      "warnings",
      .array(
        w.warnings.map {
          .object(JSONObject(["stage": .string($0.stage), "text": .string($0.text)]))
        }))
    o.append("metas", .array(w.input.metas.map { .object($0.object) }))
    o.append(
      "clusters",
      .array(
        w.clusters.map { c in
          var r = c.record
          r["label"] = .string(c.label)
          if w.options.focus != nil { r["focus_match"] = .bool(c.focused) }
          return .object(r)
        }))
    var out: [UInt8] = []
    JSONWriter.pretty(.object(o), into: &out)
    out.append(0x0A)
    return String(decoding: out, as: UTF8.self)
  }
}
