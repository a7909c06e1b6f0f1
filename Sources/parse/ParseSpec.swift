// The command line of garden-parse: options, help text, examples and exit statuses in one place.
import GardenKit

enum ParseSpec {
  static let spec = StageSpec(
    program: "garden-parse",
    abstract:
      "normalize Cloud Logging exports (or plain text logs) into one NDJSON event per entry",
    synopsis: "[OPTIONS] [FILE ...]   |   garden-parse --check FILE ...",
    discussion: """
      Reads each FILE (or standard input, also as '-') and writes one `event` record per log entry,
      then one closing `meta` record with the counts. The format is detected from the first bytes:
        [ ...        gcloud logging read --format=json (streamed; a cut-off array keeps its entries)
        {...}\\n{...} NDJSON: Cloud Storage sink files, `jq -c '.[]'`, Pub/Sub push/pull envelopes
        { pretty }   one LogEntry or an entries.list API response {"entries":[...]}
        other text   plain text logs (stack-trace lines join the line above them)
      gcloud's default YAML output (no --format=json) is refused with a hint.
      A stack trace that Cloud Logging stored one line per entry (Cloud Run stderr) is joined back into
      one event; gcloud's newest-first order is handled (--no-stitch turns this off).
      Duplicates (same logName, timestamp and insertId) are dropped and counted. Secrets and personal
      data are scrubbed from every text field unless --no-scrub is given.
      Counts reconcile: entries_in = events_out + rejected + duplicates + filtered + joined.
      """,
    options: [
      OptionSpec(
        "format", value: "FORMAT",
        help: "Force the input format: json, ndjson, pubsub, text or lines (one event per line).",
        default: "auto"),
      OptionSpec(
        "min-severity", value: "LEVEL",
        help: "Drop events below LEVEL (DEFAULT, DEBUG, INFO, NOTICE, WARNING, ERROR, CRITICAL…)."),
      OptionSpec("since", value: "TIME", help: "Drop events before TIME (RFC 3339)."),
      OptionSpec("until", value: "TIME", help: "Drop events at or after TIME (RFC 3339)."),
      OptionSpec(
        "service", value: "NAME", help: "Keep only events of this service.", repeatable: true),
      OptionSpec("no-scrub", help: "Do not replace secrets and personal data with placeholders."),
      OptionSpec("keep-raw", help: "Keep the original entry, compact and scrubbed, in `raw`."),
      OptionSpec(
        "no-stitch",
        help:
          "Do not join stack traces stored one line per entry (same log and instance, a few ms apart)."
      ),
      OptionSpec(
        "stitch", help: "Join stack traces stored one line per entry (the default for JSON inputs)."
      ),
      OptionSpec(
        "rejects", value: "FILE",
        help: "Write rejected input whole, with the reason, to FILE (NDJSON)."
      ),
      OptionSpec(
        "check",
        help:
          "Only check that each FILE is well-formed JSON or NDJSON; print the first error as LINE:COLUMN."
      ),
      OptionSpec(
        "threads", value: "N",
        help:
          "Work out entries of JSON and NDJSON inputs on N threads (1: no extra threads); the output is the same for every N.",
        default: "one per CPU, at most 8"),
      OptionSpec(
        "progress", help: "Show progress on stderr even for small inputs (needs a terminal)."),
    ],
    examples: [
      ("Normalize a gcloud export", "garden-parse logs.json > events.ndjson"),
      (
        "Straight from gcloud, errors only",
        "gcloud logging read 'severity>=WARNING' --order=asc --limit=5000 --format=json | garden-parse --min-severity ERROR"
      ),
      (
        "Several Cloud Storage sink shards, one service, one hour",
        "garden-parse --service checkout-api --since 2024-05-01T08:00:00Z --until 2024-05-01T09:00:00Z shards/*.json"
      ),
      ("Plain text lines for the accuracy tools", "garden-parse --format lines HDFS_2k.log"),
      ("Why does this export not load?", "garden-parse --check logs.json"),
      ("Leave the other cores to the rest of the pipeline", "garden-parse --threads 1 logs.json"),
      (
        "Keep rejected lines to look at later",
        "garden-parse --rejects rejects.ndjson sink.json > events.ndjson"
      ),
    ],
    exitStatuses: [.ok, .rejected, .partial, .usage, .dataError, .noInput, .software, .ioError])
}
