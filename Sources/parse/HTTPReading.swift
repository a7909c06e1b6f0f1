// Request facts from `httpRequest` and from App Engine request logs. Exports write int64 fields as
// strings and durations as `"0.78s"`; both are read as numbers here.
import GardenKit

enum HTTPReading {
  /// The request of a LogEntry's `httpRequest`; nil when it is absent or empty (`{}`).
  static func from(httpRequest h: JSONObject?) -> HTTPInfo? {
    guard let h, !h.isEmpty else { return nil }
    var x = HTTPInfo()
    x.method = h.firstString("requestMethod", "request_method")
    x.url = h.firstString("requestUrl", "request_url")
    x.status = integer(h["status"])
    x.latency = duration(h["latency"])
    x.userAgent = h.firstString("userAgent", "user_agent")
    x.remoteIP = h.firstString("remoteIp", "remote_ip")
    x.protocolName = h.firstString("protocol")
    x.responseSize = integer(h["responseSize"] ?? h["response_size"])
    return x == HTTPInfo() ? nil : x
  }

  /// The request of an App Engine RequestLog payload (`method`, `resource`, `status`, …).
  static func from(requestLog p: JSONObject) -> HTTPInfo? {
    var x = HTTPInfo()
    x.method = p.firstString("method")
    if let path = p.firstString("resource") {
      x.url = p.firstString("host").map { "https://" + $0 + path } ?? path
    }
    x.status = integer(p["status"])
    x.latency = duration(p["latency"])
    x.userAgent = p.firstString("userAgent")
    x.remoteIP = p.firstString("ip")
    x.protocolName = p.firstString("httpVersion")
    x.responseSize = integer(p["responseSize"])
    return x == HTTPInfo() ? nil : x
  }

  /// An integer from a number or a numeric string (int64 fields arrive as strings), without the
  /// Foundation trimming that `JSONValue.int` does for odd inputs unless the plain read fails.
  static func integer(_ v: JSONValue?) -> Int? {
    switch v {
    case .number(let t)?: return Int(t) ?? v?.int
    case .string(let t)?: return Int(t) ?? v?.int
    default: return nil
    }
  }

  /// Seconds from a Duration string (`"3.66s"`, `"0s"`), a number, or `{seconds, nanos}`.
  static func duration(_ v: JSONValue?) -> Double? {
    guard let v else { return nil }
    switch v {
    case .string(var s):
      if s.hasSuffix("s") { s.removeLast() }
      guard let d = Double(s), d.isFinite, d >= 0 else { return nil }
      return d
    case .number:
      return v.double
    case .object(let o):
      let secs = o["seconds"]?.double ?? 0
      let nanos = o["nanos"]?.double ?? 0
      return secs + nanos / 1e9
    default:
      return nil
    }
  }

  /// `GET /path → 503 in 3.66s`: the request as one line. The URL is cut to its path and query,
  /// since the host is the same for every request of a service.
  static func summary(_ x: HTTPInfo) -> String? {
    guard x.method != nil || x.url != nil || x.status != nil else { return nil }
    // Built as bytes and decoded once: five String appends cost more than the rest of the entry's
    // message. The pieces are valid UTF-8, so the text is the same as joining Strings.
    var s: [UInt8] = []
    s.reserveCapacity(96)
    if let m = x.method { s.append(contentsOf: m.utf8) }
    if let u = x.url {
      if x.method != nil { s.append(UInt8(ascii: " ")) }
      s.append(contentsOf: path(of: u).utf8)
    }
    if let status = x.status {
      if !s.isEmpty { s.append(UInt8(ascii: " ")) }
      s.append(contentsOf: "→ ".utf8)
      s.append(contentsOf: String(status).utf8)
    }
    if let l = x.latency {
      s.append(contentsOf: " in ".utf8)
      s.append(contentsOf: formatSeconds(l).utf8)
    }
    return s.isEmpty ? nil : String(decoding: s, as: UTF8.self)
  }

  static func path(of url: String) -> String {
    guard var rest = ByteSearch.suffix(after: "://", in: url) else { return url }
    // On the contiguous bytes (a Substring's UTF8View is searched one index step at a time); the
    // slice starts after ASCII `://` and is valid UTF-8, so decoding it is `String(rest[slash...])`.
    return rest.withUTF8 { b in
      guard let slash = b.firstIndex(of: UInt8(ascii: "/")) else { return "/" }
      return String(decoding: UnsafeBufferPointer(rebasing: b[slash...]), as: UTF8.self)
    }
  }

  /// Milliseconds below a second (`4ms`), seconds with two decimals above (`3.66s`).
  static func formatSeconds(_ d: Double) -> String {
    if d < 1 { return "\(Int((d * 1000).rounded()))ms" }
    let centis = Int((d * 100).rounded())
    let frac = centis % 100
    return "\(centis / 100).\(frac < 10 ? "0" : "")\(frac)s"
  }
}
