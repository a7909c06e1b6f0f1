// Request logs (Cloud Run, load balancers, App Engine) carry their meaning in method, status and route,
// not in text. Masking them like free text merged every GET into one "GET <*> → <*> in <*>" cluster,
// 200s with 503s. So a request event's scope keeps the method, the status and the route with its
// variable segments (ids, hashes, numbers) masked.

enum RequestSignature {
  /// Most path segments kept in a route; deeper paths end in `/…`.
  static let maxSegments = 4
  /// A segment longer than this is treated as an id.
  static let maxLiteralSegment = 24

  /// The route of a URL: path only (no scheme, host or query), variable segments as `<*>`.
  static func route(_ url: String) -> String {
    var path = Substring(url)
    if let scheme = path.range(of: "://") {
      path = path[scheme.upperBound...]
      path = path.firstIndex(of: "/").map { path[$0...] } ?? "/"
    }
    if let q = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<q] }
    let segments = path.split(separator: "/", omittingEmptySubsequences: true)
    var out: [String] = []
    for s in segments.prefix(maxSegments) {
      out.append(isVariable(s) ? "<*>" : String(s))
    }
    var r = "/" + out.joined(separator: "/")
    if segments.count > maxSegments { r += "/…" }
    return r
  }

  static func isVariable(_ s: Substring) -> Bool {
    if s.count > maxLiteralSegment { return true }
    if s.hasPrefix("<") && s.hasSuffix(">") { return true }  // a scrubber placeholder
    let digits = s.filter(\.isNumber).count
    // Version-like segments (v1, v2beta) stay literal; ids and numbers do not.
    if digits > 0, !(s.first == "v" && s.count <= 8 && digits <= 2) { return true }
    return false
  }

  /// True when the message is only the request summary garden-parse writes (`GET /x → 503 in 1.2s`).
  static func isSummary(_ message: String, method: String?) -> Bool {
    guard let method, message.hasPrefix(method + " ") else { return false }
    return message.contains(" → ")
  }
}
