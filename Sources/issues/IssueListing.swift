// The existing issues a run matches against, and whether that list can be trusted to be whole. A list
// that failed or was cut off by a limit blocks every write: acting on half a list files duplicates.
import GardenKit

/// The issues considered, where they came from, and whether the list is complete.
struct IssueListing {
  var issues: [GitHubIssue] = []
  /// `file:PATH`, `gh api`, `gh issue list` or `none`.
  var source: String
  /// False when the listing failed or may have been cut off by a limit.
  var complete = true
  var pullRequestsSkipped = 0
  var invalidSkipped = 0
  /// Whether the state reason (completed / not planned) was known for closed issues.
  var hasStateReason = true
  var ghVersion: String?
  var warnings: [String] = []

  /// Reads a listing document: one JSON array, several arrays one after the other (what
  /// `gh api --paginate` prints), or an array of arrays (`--slurp`).
  static func parse(_ bytes: [UInt8], source: String) throws(StageError) -> IssueListing {
    var listing = IssueListing(source: source)
    // Messages name the file as the user gave it (`source` is `file:PATH` in the meta record).
    let name = source.hasPrefix("file:") ? String(source.dropFirst(5)) : source
    let values: [JSONValue]
    do {
      values = try JSONSequence.values(bytes)
    } catch {
      throw StageError(
        .dataError, "\(name): not a JSON issue listing: \(error.reason) at byte \(error.offset + 1)"
      )
    }
    // An empty document is a failed listing (a redirect of a failed gh), not a repository without
    // issues: that one prints `[]`.
    if values.isEmpty {
      throw StageError(
        .dataError, "\(name): empty issue listing (expected a JSON array, `[]` for none)")
    }
    var entries: [JSONValue] = []
    for v in values {
      guard let a = v.array else {
        throw StageError(.dataError, "\(name): expected a JSON array of issues")
      }
      for e in a {
        if let inner = e.array { entries += inner } else { entries.append(e) }
      }
    }
    var seen: Set<Int> = []
    var sawReasonField = false
    for e in entries {
      if e["stateReason"] != nil || e["state_reason"] != nil { sawReasonField = true }
      switch GitHubIssue.parse(e) {
      case .issue(let i):
        // Pages can overlap when issues change during paging; keep the first copy.
        if seen.insert(i.number).inserted { listing.issues.append(i) }
      case .pullRequest: listing.pullRequestsSkipped += 1
      case .invalid: listing.invalidSkipped += 1
      }
    }
    // Entries and not one issue among them: another file given by mistake (a log export, say).
    // Deciding against it would take every cluster for new and file duplicates.
    if listing.issues.isEmpty, listing.pullRequestsSkipped == 0, listing.invalidSkipped > 0 {
      throw StageError(
        .dataError,
        "\(name): not an issue listing: none of its \(listing.invalidSkipped) entries is an issue (a number and a title), as `gh issue list --json number,title,…` prints them"
      )
    }
    listing.hasStateReason = sawReasonField || !listing.issues.contains { !$0.isOpen }
    if listing.invalidSkipped > 0 {
      listing.warnings.append(
        "\(listing.invalidSkipped) listing entries without an issue number were skipped")
    }
    if !listing.hasStateReason {
      listing.warnings.append(
        "the issue listing has no state reason: closed issues are treated as completed unless labelled wontfix, invalid or duplicate"
      )
    }
    return listing
  }
}

/// Splits a byte buffer holding zero or more JSON values separated by whitespace.
enum JSONSequence {
  static func values(_ bytes: [UInt8]) throws(JSONError) -> [JSONValue] {
    var out: [JSONValue] = []
    var i = 0
    let n = bytes.count
    while i < n {
      let c = bytes[i]
      if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 {
        i += 1
        continue
      }
      // Skip a UTF-8 byte order mark at the very start.
      if i == 0, n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
        i = 3
        continue
      }
      let end = try endOfValue(bytes, from: i)
      out.append(try JSONReader.parse(Array(bytes[i..<end])))
      i = end
    }
    return out
  }

  /// The index just past the value that starts at `start` (objects, arrays, strings, scalars).
  static func endOfValue(_ b: [UInt8], from start: Int) throws(JSONError) -> Int {
    var depth = 0
    var inString = false
    var escaped = false
    var i = start
    let first = b[start]
    if first != UInt8(ascii: "[") && first != UInt8(ascii: "{") && first != UInt8(ascii: "\"") {
      while i < b.count, ![0x20, 0x0A, 0x0D, 0x09, 0x5B, 0x7B].contains(b[i]) { i += 1 }
      return i
    }
    while i < b.count {
      let c = b[i]
      i += 1
      if inString {
        if escaped {
          escaped = false
        } else if c == 0x5C {
          escaped = true
        } else if c == 0x22 {
          inString = false
          if depth == 0 { return i }
        }
        continue
      }
      switch c {
      case 0x22: inString = true
      case 0x5B, 0x7B: depth += 1
      case 0x5D, 0x7D:
        depth -= 1
        if depth == 0 { return i }
      default: break
      }
    }
    throw JSONError(offset: b.count, reason: "unexpected end of input")
  }
}
