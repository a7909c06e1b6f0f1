// Everything this stage asks of the `gh` CLI: its version, the issue listing (REST paging first, the
// GraphQL `issue list` as fallback, with or without `stateReason` depending on the gh version), and the
// writes. Arguments go to gh as an argv array, never through a shell; bodies go through --body-file.
import Foundation
import GardenKit

/// The outcome of one gh invocation.
struct GhResult {
  var status: Int32
  var stdout: [UInt8]
  var stderr: String
  var ok: Bool { status == 0 }
  /// GitHub's primary and secondary rate limits both say "rate limit" in gh's error text.
  var rateLimited: Bool {
    !ok
      && (stderr + String(decoding: stdout.prefix(4096), as: UTF8.self)).lowercased().contains(
        "rate limit")
  }
  /// The first line of stderr, for messages.
  var firstErrorLine: String {
    let l = stderr.split(separator: "\n").first.map(String.init) ?? "exit status \(status)"
    return String(l.prefix(300))
  }
}

/// Runs gh for one repository.
struct GhClient {
  let executable: String
  let repo: String

  /// Finds `name` (or a path) on PATH.
  static func locate(_ name: String) -> String? {
    if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for dir in path.split(separator: ":") {
      let p = String(dir) + "/" + name
      if FileManager.default.isExecutableFile(atPath: p) { return p }
    }
    return nil
  }

  /// Runs gh with `args`; stdout and stderr are read concurrently so neither pipe can fill and block.
  func run(_ args: [String]) -> GhResult {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = args
    var env = ProcessInfo.processInfo.environment
    env["GH_PROMPT_DISABLED"] = "1"
    env["NO_COLOR"] = "1"
    env["GH_NO_UPDATE_NOTIFIER"] = "1"
    p.environment = env
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = FileHandle.nullDevice
    do { try p.run() } catch {
      return GhResult(status: 127, stdout: [], stderr: "cannot run \(executable): \(error)")
    }
    let errBox = DataBox()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      errBox.data = err.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    let errData = errBox.data
    p.waitUntilExit()
    return GhResult(
      status: p.terminationStatus, stdout: [UInt8](outData),
      stderr: String(decoding: errData, as: UTF8.self))
  }

  /// `gh --version`'s first line.
  func version() -> String? {
    let r = run(["--version"])
    guard r.ok else { return nil }
    return String(decoding: r.stdout, as: UTF8.self).split(separator: "\n").first.map(String.init)
  }

  /// Lists every issue, open and closed. `gh api --paginate` pages to the end on every gh version;
  /// when it fails, `gh issue list` with a high limit, and a listing that reaches that limit is
  /// marked incomplete.
  func listIssues(limit: Int) -> IssueListing {
    var warnings: [String] = []
    let api = run(["api", "--paginate", "repos/\(repo)/issues?state=all&per_page=100"])
    if api.ok {
      do {
        var l = try IssueListing.parse(api.stdout, source: "gh api")
        l.warnings = warnings + l.warnings
        return l
      } catch {
        warnings.append(
          "gh api returned an unreadable listing (\(error.message)); trying gh issue list")
      }
    } else {
      warnings.append("gh api failed (\(api.firstErrorLine)); trying gh issue list")
    }
    var fields = "number,title,body,state,stateReason,labels,url,closedAt,updatedAt"
    var r = run(listArgs(limit, fields))
    if !r.ok, r.stderr.contains("stateReason") {
      // Older gh (Debian's 2.23) has no stateReason field.
      fields = "number,title,body,state,labels,url,closedAt,updatedAt"
      r = run(listArgs(limit, fields))
    }
    guard r.ok else {
      var l = IssueListing(source: "none")
      l.complete = false
      l.warnings =
        warnings + ["the issue listing failed (\(r.firstErrorLine)): no issue is written"]
      return l
    }
    do {
      var l = try IssueListing.parse(r.stdout, source: "gh issue list")
      l.warnings = warnings + l.warnings
      if !fields.contains("stateReason") {
        l.hasStateReason = false
        l.warnings.append(
          "this gh has no stateReason field: closed issues are treated as completed unless labelled wontfix, invalid or duplicate"
        )
      }
      if l.issues.count + l.invalidSkipped >= limit {
        l.complete = false
        l.warnings.append(
          "gh issue list returned \(l.issues.count) issues, its --limit \(limit): the listing may be cut off, so no issue is written (raise --list-limit)"
        )
      }
      return l
    } catch {
      var l = IssueListing(source: "gh issue list")
      l.complete = false
      l.warnings =
        warnings + ["gh issue list output is unreadable (\(error.message)): no issue is written"]
      return l
    }
  }

  func listArgs(_ limit: Int, _ fields: String) -> [String] {
    ["issue", "list", "-R", repo, "--state", "all", "--limit", String(limit), "--json", fields]
  }

  /// The bodies of an issue's comments (to see whether our evidence comment is already there).
  func commentBodies(_ number: Int) -> [String]? {
    let r = run(["issue", "view", String(number), "-R", repo, "--json", "comments"])
    guard r.ok, let v = try? JSONReader.parse(r.stdout) else { return nil }
    return v["comments"]?.array?.compactMap { $0["body"]?.string }
  }
}

/// Holds stderr bytes read on another thread; the DispatchGroup wait orders the access.
final class DataBox: @unchecked Sendable {
  var data = Data()
}
