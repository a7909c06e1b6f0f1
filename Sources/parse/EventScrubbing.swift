// Applies the Scrubber to every field of an event that carries free text from the log: message,
// error, frames, labels (entry and resource), request URL and user agent, and the raw entry. The client address is always
// replaced: it identifies a person and never helps to find a bug.
import GardenKit

struct EventScrubbing {
  let scrubber = Scrubber()

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
        f.file = f.file.map(scrubber.scrub)
        f.function = f.function.map(scrubber.scrub)
        return f
      }
    }
    if let labels = e.labels { e.labels = scrubObject(labels) }
    if let labels = e.resourceLabels { e.resourceLabels = scrubObject(labels) }
    if var h = e.http {
      h.url = h.url.map(scrubber.scrub)
      h.userAgent = h.userAgent.map(scrubber.scrub)
      if let ip = h.remoteIP {
        h.remoteIP = ip.filter({ $0 == ":" }).count > 1 ? "<ipv6>" : "<ipv4>"
      }
      e.http = h
    }
    if let raw = e.raw { e.raw = scrubValue(raw) }
  }

  private func scrubObject(_ o: JSONObject) -> JSONObject {
    var out = JSONObject()
    for (k, v) in o { out.append(k, scrubValue(v)) }
    return out
  }

  private func scrubValue(_ v: JSONValue) -> JSONValue {
    switch v {
    case .string(let s): return .string(scrubber.scrub(s))
    case .array(let a): return .array(a.map(scrubValue))
    case .object(let o): return .object(scrubObject(o))
    default: return v
    }
  }
}
