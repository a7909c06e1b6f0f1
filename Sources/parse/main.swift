// garden-parse: Cloud Logging exports (gcloud JSON arrays, NDJSON sinks, Pub/Sub envelopes) and plain
// text logs in, one NDJSON `event` per entry and a closing `meta` record out. See docs/parse.md.
import GardenKit

StageMain.run(spec: ParseSpec.spec) { args, diagnostics in
  try ParseStage(arguments: args, diagnostics: diagnostics).run()
}
