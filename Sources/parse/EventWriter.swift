// Writes an event record straight into output bytes. Byte for byte what `Event.record` written by
// JSONWriter gives (same keys, same order, same number forms), without building the JSONObject
// first: on the parse hot path that intermediate tree cost more than the writing itself.
import GardenKit

enum EventWriter {
  /// Appends the compact JSON record of `e` (no line break) to `out`.
  static func write(_ e: Event, into out: inout [UInt8]) {
    out.append(contentsOf: #"{"kind":"event""#.utf8)
    if let ts = e.ts { string("ts", ts, &out) }
    string("severity", e.severity.name, &out)
    if let p = e.platformSeverity { string("platform_severity", p, &out) }
    string("message", e.message, &out)
    if let s = e.service { string("service", s, &out) }
    if let r = e.revision { string("revision", r, &out) }
    if e.resourceType != nil || e.resourceLabels != nil {
      key("resource", &out)
      out.append(UInt8(ascii: "{"))
      out.append(contentsOf: #""type":"#.utf8)
      if let t = e.resourceType {
        JSONWriter.writeString(t, into: &out)
      } else {
        out.append(contentsOf: "null".utf8)
      }
      if let l = e.resourceLabels {
        out.append(contentsOf: #","labels":"#.utf8)
        JSONWriter.write(.object(l), into: &out)
      }
      out.append(UInt8(ascii: "}"))
    }
    if let l = e.log { string("log", l, &out) }
    if let l = e.logger { string("logger", l, &out) }
    if let i = e.instance { string("instance", i, &out) }
    if let err = e.error {
      key("error", &out)
      var fields = Fields(&out)
      fields.string("type", err.type, &out)
      fields.string("value", err.value, &out)
      fields.string("root_type", err.rootType, &out)
      fields.string("root_value", err.rootValue, &out)
      fields.close(&out)
    }
    if !e.frames.isEmpty {
      key("frames", &out)
      out.append(UInt8(ascii: "["))
      for (i, f) in e.frames.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        var fields = Fields(&out)
        fields.string("file", f.file, &out)
        fields.int("line", f.line, &out)
        fields.int("column", f.column, &out)
        fields.string("function", f.function, &out)
        fields.string("module", f.module, &out)
        fields.raw("in_app", f.inApp ? "true" : "false", &out)
        fields.close(&out)
      }
      out.append(UInt8(ascii: "]"))
    }
    if let l = e.location {
      key("location", &out)
      var fields = Fields(&out)
      fields.string("file", l.file, &out)
      fields.int("line", l.line, &out)
      fields.string("function", l.function, &out)
      fields.close(&out)
    }
    if let h = e.http {
      key("http", &out)
      var fields = Fields(&out)
      fields.string("method", h.method, &out)
      fields.string("url", h.url, &out)
      fields.int("status", h.status, &out)
      if let latency = h.latency {
        // JSONValue.double's forms, so the bytes match the record path exactly.
        if case .number(let text) = JSONValue.double(latency) {
          fields.raw("latency", text, &out)
        } else {
          fields.raw("latency", "null", &out)
        }
      }
      fields.string("user_agent", h.userAgent, &out)
      fields.string("remote_ip", h.remoteIP, &out)
      fields.string("protocol", h.protocolName, &out)
      fields.int("response_size", h.responseSize, &out)
      fields.close(&out)
    }
    if let t = e.trace { string("trace", t, &out) }
    if let s = e.span { string("span", s, &out) }
    if let l = e.labels, !l.isEmpty {
      key("labels", &out)
      JSONWriter.write(.object(l), into: &out)
    }
    if let id = e.id { string("id", id, &out) }
    if let src = e.src {
      key("src", &out)
      source(src, &out)
    }
    if !e.parts.isEmpty {
      key("parts", &out)
      out.append(UInt8(ascii: "["))
      for (i, p) in e.parts.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        source(p, &out)
      }
      out.append(UInt8(ascii: "]"))
    }
    if let raw = e.raw {
      key("raw", &out)
      JSONWriter.write(raw, into: &out)
    }
    out.append(UInt8(ascii: "}"))
  }

  /// `,"name":` after the fields before it.
  @inline(__always) private static func key(_ name: StaticString, _ out: inout [UInt8]) {
    out.append(UInt8(ascii: ","))
    out.append(UInt8(ascii: "\""))
    out.append(
      contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
    out.append(UInt8(ascii: "\""))
    out.append(UInt8(ascii: ":"))
  }

  @inline(__always) private static func string(
    _ name: StaticString, _ value: String, _ out: inout [UInt8]
  ) {
    key(name, &out)
    JSONWriter.writeString(value, into: &out)
  }

  private static func source(_ s: SourceRef, _ out: inout [UInt8]) {
    out.append(contentsOf: #"{"file":"#.utf8)
    JSONWriter.writeString(s.file, into: &out)
    if let l = s.line {
      out.append(contentsOf: #","line":"#.utf8)
      out.append(contentsOf: String(l).utf8)
    }
    if let i = s.index {
      out.append(contentsOf: #","index":"#.utf8)
      out.append(contentsOf: String(i).utf8)
    }
    out.append(UInt8(ascii: "}"))
  }

  /// An object whose members are all optional: nil ones are left out, commas go between the rest.
  private struct Fields {
    private var first = true

    init(_ out: inout [UInt8]) { out.append(UInt8(ascii: "{")) }

    private mutating func name(_ n: StaticString, _ out: inout [UInt8]) {
      if !first { out.append(UInt8(ascii: ",")) }
      first = false
      out.append(UInt8(ascii: "\""))
      out.append(contentsOf: UnsafeBufferPointer(start: n.utf8Start, count: n.utf8CodeUnitCount))
      out.append(UInt8(ascii: "\""))
      out.append(UInt8(ascii: ":"))
    }

    mutating func string(_ n: StaticString, _ v: String?, _ out: inout [UInt8]) {
      guard let v else { return }
      name(n, &out)
      JSONWriter.writeString(v, into: &out)
    }

    mutating func int(_ n: StaticString, _ v: Int?, _ out: inout [UInt8]) {
      guard let v else { return }
      name(n, &out)
      out.append(contentsOf: String(v).utf8)
    }

    mutating func raw(_ n: StaticString, _ text: String, _ out: inout [UInt8]) {
      name(n, &out)
      out.append(contentsOf: text.utf8)
    }

    func close(_ out: inout [UInt8]) { out.append(UInt8(ascii: "}")) }
  }
}
