// The one place where a stage turns errors into exit statuses. A stage's main.swift calls
// `StageMain.run(spec:)` and nothing below it calls exit().

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs a stage: parses arguments, calls the body, maps errors to exit statuses, exits.
public enum StageMain {
  public static func run(
    spec: StageSpec, arguments argv: [String] = Array(CommandLine.arguments.dropFirst()),
    _ body: (Arguments, Diagnostics) throws -> ExitStatus
  ) -> Never {
    OutputStream.ignoreSIGPIPE()
    let diagnostics = Diagnostics(program: spec.program)
    switch Arguments.parse(argv, spec: spec) {
    case .exit(let status, let text):
      if status == .ok {
        // --help and --version: a closed pipe (`--help | head -1`) is fine, a full disk is not.
        let out = OutputStream()
        do {
          try out.write(text)
          try out.flush()
        } catch let e as StageError {
          Diagnostics.writeStderr("\(spec.program): \(e.message)\n")
          exit(e.status.rawValue)
        } catch {}
      } else {
        Diagnostics.writeStderr(text)
      }
      exit(status.rawValue)
    case .run(let args):
      do {
        exit(try body(args, diagnostics).rawValue)
      } catch is OutputClosed {
        exit(ExitStatus.ok.rawValue)
      } catch let e as StageError {
        Diagnostics.writeStderr(e.status == .usage ? e.message : "\(spec.program): \(e.message)\n")
        exit(e.status.rawValue)
      } catch {
        diagnostics.note("internal error: \(error)")
        exit(ExitStatus.software.rawValue)
      }
    }
  }
}
