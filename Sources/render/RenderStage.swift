// garden-render's driver: read the stream, compute the worklog, write it in the chosen format, and
// return the exit status (2 when input lines were rejected, 3 when the input is partial).

import GardenKit

/// The render stage.
enum RenderStage {
  static let spec = StageSpec(
    program: "garden-render",
    abstract: "write the worklog of a Log Gardener run (Markdown, text or JSON)",
    synopsis: "[OPTIONS] [FILE ...]",
    discussion: """
      Reads the NDJSON stream of the pipeline (meta records and scored cluster records, usually
      from garden-issues) from FILEs or stdin and writes one document to stdout: the Markdown worklog
      (header with window, counts and data-quality warnings; summary; one section per cluster in
      priority order with a sparkline, error signature and stack trace; a Mermaid timeline; system
      status; next steps; search patterns; issue decisions; counts per stage), a one-line-per-cluster
      terminal summary (--format text), or one JSON document (--format json).

      Output is deterministic: the generated time is the window end unless --now is given. Log text
      is scrubbed of secrets and escaped so it cannot break out of code fences, start headings, open
      HTML tags or mention users. Colour (text format only) needs a terminal and no NO_COLOR.
      """,
    options: [
      OptionSpec(
        "format", value: "FORMAT", help: "markdown, text (one line per cluster) or json.",
        default: "markdown"),
      OptionSpec(
        "focus", value: "TERM",
        help:
          "Show clusters matching TERM first; case, _ - . and camelCase are ignored (llm__manager = LlmManager)."
      ),
      OptionSpec(
        "only-focus", help: "With --focus: leave the other clusters out and say how many."),
      OptionSpec(
        "max-sections", value: "N",
        help:
          "Markdown: full sections for the first N clusters in priority order, one line each for the rest (0: all).",
        default: "50"),
      OptionSpec(
        "now", value: "TIME",
        help:
          "Generated time, RFC 3339 (2025-09-15T14:00:00Z), or 'now' for the wall clock.",
        default: "the window end"),
      OptionSpec(
        "tz", value: "ZONE", help: "Also show window times in this zone (America/New_York)."),
      OptionSpec(
        "command", value: "TEXT",
        help: "The command or request this run answers, shown in the header."),
      OptionSpec(
        "project", value: "NAME",
        help: "Project name for the header.", default: "project_id of the samples"),
    ],
    examples: [
      (
        "The whole chain on a saved export, worklog to a file",
        "garden-parse export.json | garden-cluster | garden-score | garden-issues --issues-file issues.json | garden-render > worklog.md"
      ),
      (
        "Reproducible worklog of a saved stream, with New York times, focused on the LLM manager",
        "garden-render --now 2025-09-15T14:00:00Z --tz America/New_York --focus llm_manager run.ndjson"
      ),
      ("One line per cluster in the terminal", "garden-render --format text run.ndjson"),
      (
        "Counts and warnings for a script",
        "garden-render --format json run.ndjson | jq '.warnings'"
      ),
    ],
    exitStatuses: [.ok, .rejected, .partial, .usage, .dataError, .noInput, .software, .ioError])

  /// Runs the stage with parsed arguments.
  static func run(_ args: Arguments, _ diagnostics: Diagnostics) throws -> ExitStatus {
    let options = try RenderOptions(args: args)
    let input = try RunInput.read(paths: args.inputs, diagnostics: diagnostics)
    let (text, status) = render(input, options)
    let out = OutputStream()
    try out.write(text)
    try out.flush()
    if status == .partial {
      diagnostics.note("input is partial: the worklog says so in its header")
    }
    return status
  }

  /// The document and exit status for an input, in the chosen format.
  static func render(_ input: RunInput, _ options: RenderOptions) -> (String, ExitStatus) {
    let w = Worklog(input: input, options: options)
    switch options.format {
    case .markdown: return (MarkdownWorklog.render(w), w.status)
    case .text: return (TextWorklog.render(w), w.status)
    case .json: return (JSONWorklog.render(w), w.status)
    }
  }
}
