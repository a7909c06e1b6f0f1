// Applies the Scrubber to every field of an event that carries free text from the log: message,
// error, frames, code location, labels (entry and resource), request URL and user agent, and the
// raw entry. In labels and the raw entry a key that names a secret (`password`, `db_pass`,
// `apiKey`) hides its whole value. The client address is always replaced: it identifies a person
// and never helps to find a bug.
import GardenKit

final class EventScrubbing {
  let scrubber = Scrubber()

  /// Short values that repeat from entry to entry (label values, frame files and functions, user
  /// agents) and what they scrub to. Scrubbing is a pure function, so a remembered result is the
  /// result; the memo only saves the scan. Cleared when full, so memory stays bounded.
  /// A nil result means "unchanged", so a hit hands back the caller's own string, which later
  /// compares equal to it at once (a remembered copy had to be compared byte by byte).
  private var memo: [String: String?] = [:]
  static let memoEntries = 4096
  static let memoMaxBytes = 256

  func scrub(_ e: inout Event) {
    e.message = scrubber.scrub(e.message)
    if var err = e.error {
      err.value = err.value.map(scrubber.scrub)
      err.rootValue = err.rootValue.map(scrubber.scrub)
      e.error = err
    }
    if !e.frames.isEmpty {
      e.frames = e.frames.map { f in
        var f = f
        f.file = f.file.map(repeated)
        f.function = f.function.map(repeated)
        return f
      }
    }
    if var l = e.location {
      l.file = l.file.map(repeated)
      l.function = l.function.map(repeated)
      e.location = l
    }
    if let labels = e.labels { e.labels = scrubObject(labels) }
    if let labels = e.resourceLabels { e.resourceLabels = scrubObject(labels) }
    if var h = e.http {
      h.url = h.url.map(scrubber.scrub)
      h.userAgent = h.userAgent.map(repeated)
      if let ip = h.remoteIP {
        h.remoteIP = ip.filter({ $0 == ":" }).count > 1 ? "<ipv6>" : "<ipv4>"
      }
      e.http = h
    }
    if let raw = e.raw { e.raw = scrubValue(raw) }
  }

  /// `scrubber.scrub` through the memo, for values likely to repeat.
  private func repeated(_ s: String) -> String {
    guard s.utf8.count <= Self.memoMaxBytes else { return scrubber.scrub(s) }
    if let known = memo[s] { return known ?? s }
    let out = scrubber.scrub(s)
    if memo.count >= Self.memoEntries { memo.removeAll(keepingCapacity: true) }
    memo.updateValue(out == s ? nil : out, forKey: s)
    return out
  }

  /// The object with its string values scrubbed; the same object when nothing changed.
  private func scrubObject(_ o: JSONObject) -> JSONObject {
    var changed = false
    return scrubObject(o, changed: &changed)
  }

  private func scrubObject(_ o: JSONObject, changed: inout Bool) -> JSONObject {
    var values: [JSONValue]?
    for (i, v) in o.values.enumerated() {
      var differs = false
      let s = scrubMember(key: o.keys[i], v, changed: &differs)
      if differs, values == nil { values = Array(o.values[..<i]) }
      values?.append(s)
    }
    guard let values else { return o }
    changed = true
    var out = JSONObject()
    for (k, v) in zip(o.keys, values) { out.append(k, v) }
    return out
  }

  /// A member's value scrubbed; a string under a key that names a secret is hidden whole.
  private func scrubMember(key: String, _ v: JSONValue, changed: inout Bool) -> JSONValue {
    if case .string(let s) = v, let kind = scrubber.secretKind(key: key, value: s) {
      changed = true
      return .string(kind.placeholder)
    }
    return scrubValue(v, changed: &changed)
  }

  private func scrubValue(_ v: JSONValue) -> JSONValue {
    var changed = false
    return scrubValue(v, changed: &changed)
  }

  /// `v` scrubbed; `changed` is set when the result differs from `v`.
  private func scrubValue(_ v: JSONValue, changed: inout Bool) -> JSONValue {
    switch v {
    case .string(let s):
      let out = repeated(s)
      if out != s { changed = true }
      return .string(out)
    case .array(let a):
      var any = false
      let out = a.map { scrubValue($0, changed: &any) }
      if any { changed = true }
      return any ? .array(out) : v
    case .object(let o):
      var any = false
      let out = scrubObject(o, changed: &any)
      if any { changed = true }
      return any ? .object(out) : v
    default: return v
    }
  }
}
