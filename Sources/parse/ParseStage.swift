// garden-parse: reads each input in its format, hands every entry to the EventSink, and closes the
// stream with the meta record. Decides the exit status from what happened (see docs/parse.md).
import GardenKit

final class ParseStage {
  let options: ParseOptions
  let output: OutputStream
  let reporter: Reporter

  init(options: ParseOptions, diagnostics: Diagnostics, output: OutputStream = OutputStream())
    throws
  {
    self.options = options
    self.output = output
    let rejects = try options.rejectsPath.map { path throws(StageError) in
      try RejectsWriter(path: path)
    }
    reporter = Reporter(diagnostics: diagnostics, rejects: rejects)
  }

  convenience init(arguments: Arguments, diagnostics: Diagnostics) throws {
    try self.init(options: ParseOptions(arguments), diagnostics: diagnostics)
  }

  /// What the run found, for the exit status.
  private var truncated = false
  private var unusable = false
  /// Inputs among several that could not be opened.
  private var missing = 0
  private var emptyInputs = 0

  func run() throws -> ExitStatus {
    if options.check { return try SyntaxCheck.run(paths: options.inputs, output: output) }
    let sink = EventSink(options: options, output: output, reporter: reporter)
    let progress = Progress(enabled: true, immediately: options.forceProgress)
    for path in options.inputs {
      let input: ByteInput
      do {
        input = try ByteInput(path: path)
      } catch {
        if options.inputs.count == 1 { throw error }
        // A missing file among several: say so, record it, go on with the others.
        warn(error.message, sink: sink)
        sink.tally.complete = false
        missing += 1
        continue
      }
      sink.tally.sources.append(input.displayName)
      try read(input, sink: sink, progress: progress)
      progress.finishedInput(input)
    }
    progress.finish()
    sink.tally.complete =
      sink.tally.complete && !truncated && !unusable && missing == 0 && emptyInputs == 0
    try reporter.finish()
    try output.writeRecord(sink.tally.meta(rejected: reporter.rejected))
    try output.flush()
    if unusable { return .dataError }
    if missing > 0 { return .noInput }
    if truncated || emptyInputs > 0 { return .partial }
    return reporter.rejected > 0 ? .rejected : .ok
  }

  /// A problem with a whole input: said on stderr and kept as a meta warning.
  private func warn(_ text: String, sink: EventSink) {
    reporter.note(file: nil, text)
    sink.tally.warnings.append(text)
  }

  private func read(_ input: ByteInput, sink: EventSink, progress: Progress) throws {
    let name = input.displayName
    let format: InputFormat
    switch try FormatSniffer.sniff(input) {
    case .empty:
      emptyInputs += 1
      warn(
        "\(name) is empty: no entries read (gcloud --format=json prints [] when nothing matches, so an empty file usually means the export failed)",
        sink: sink)
      return
    case .yaml where options.format == nil:
      unusable = true
      warn(
        "\(name) looks like YAML, gcloud's default output; run gcloud logging read with --format=json",
        sink: sink)
      return
    case .utf16:
      unusable = true
      warn(
        "\(name) is UTF-16 text (what a Windows or PowerShell redirect writes), not UTF-8; convert it first: iconv -f UTF-16 -t UTF-8 \(name) > converted.json",
        sink: sink)
      return
    case .binary where options.format == nil:
      unusable = true
      warn(
        "\(name) holds binary data, not a log export (use --format lines to read it as text anyway)",
        sink: sink)
      return
    case .format(let detected):
      format = Self.resolve(forced: options.format, detected: detected)
    default:
      format = options.format ?? .text
    }
    // Text inputs join their own trace lines; `lines` joins nothing by design.
    sink.beginInput(stitch: options.stitch && format != .text && format != .lines)
    let outcome: ReadOutcome
    switch format {
    case .json: outcome = try ArrayInputReader(sink: sink, progress: progress).read(input)
    case .document: outcome = try DocumentInputReader(sink: sink, progress: progress).read(input)
    case .ndjson: outcome = try NDJSONInputReader(sink: sink, progress: progress).read(input)
    case .pubsub:
      outcome = try NDJSONInputReader(sink: sink, progress: progress, requireEnvelope: true).read(
        input)
    case .text: outcome = try TextInputReader(sink: sink, progress: progress).read(input)
    case .lines: outcome = try LinesInputReader(sink: sink, progress: progress).read(input)
    }
    try sink.endInput()
    switch outcome {
    case .complete: break
    case .truncated(let why):
      truncated = true
      warn(
        "\(name) is truncated (\(why)); every complete entry before the cut was kept", sink: sink)
    case .malformed(let why):
      unusable = true
      warn(
        "\(name) stops being valid input (\(why)); entries before that point were kept", sink: sink)
    }
  }

  /// The reader for a forced format, given what the bytes look like: `json` reads an array or a
  /// document, whichever the input is.
  static func resolve(forced: InputFormat?, detected: InputFormat) -> InputFormat {
    guard let forced else { return detected }
    if forced == .json, detected == .document || detected == .ndjson { return .document }
    return forced
  }
}
