// What the issue stage reads from one cluster record: identity, structural key, words for matching,
// and the score fields (priority, impact, muted) that gate a decision.
import GardenKit

/// The matching and gating view of a cluster record.
struct ClusterFacts {
  var cluster: Cluster
  /// The record as read, so unknown fields pass through and score extras (`impact`, `muted`) are seen.
  var record: JSONObject
  /// The fingerprint and every signature merged into the cluster, without repeats, in order.
  var identities: [String]
  /// Primary service (first in sorted order), or "".
  var service: String
  /// Innermost in-app frame as `module:function` (or `file:function`), or "".
  var topFrame: String
  /// Tier-1 key; nil when the cluster has neither an error type nor a frame (too weak to key on).
  var key: String?
  /// The evidence window `START/END` this run reports on.
  var window: String
  var templateTokens: Set<String>
  /// Every matching word of the cluster.
  var docTokens: Set<String>
  /// Error type, function names, file names and status codes: the things a human report names.
  var entities: Set<String>
  var impact: [String]
  var muted: Bool

  init(record: JSONObject, runWindow: String?) {
    self.record = record
    let c = Cluster(record: record)
    cluster = c
    var ids: [String] = []
    for s in [c.fingerprint] + c.signatures where !s.isEmpty && !ids.contains(s) { ids.append(s) }
    identities = ids
    service = c.services.sorted().first ?? ""
    let inApp = c.frames.last { $0.inApp && ($0.function ?? "").isEmpty == false }
    let frame = inApp ?? c.origin
    if let f = frame, let fn = f.function, !fn.isEmpty {
      let place = f.module ?? f.file.map(Self.basename) ?? ""
      topFrame = place + ":" + fn
    } else {
      topFrame = ""
    }
    let et = c.errorType ?? ""
    key =
      et.isEmpty && topFrame.isEmpty
      ? nil : Fingerprint.of(["v1", service, et, topFrame].joined(separator: "\u{1f}"))
    if let w = runWindow, !w.isEmpty {
      window = w
    } else {
      let w = (c.firstSeen ?? "") + "/" + (c.lastSeen ?? "")
      window = w == "/" ? "unknown" : w
    }
    let template = Self.matchText(c.template)
    templateTokens = TextTokens.set(template)
    var doc: [String] =
      [Self.matchText(c.title), template, et, Self.matchText(c.errorValue ?? "")] + c.keywords
      + c.loggers
    var ents: Set<String> = []
    if let t = TextTokens.normalize(et) { ents.insert(t) }
    let frames = c.frames.filter(\.inApp) + (c.origin.map { [$0] } ?? [])
    for f in frames {
      doc += [f.function ?? "", f.module ?? "", f.file ?? ""]
      if let fn = f.function, let t = TextTokens.normalize(Self.lastComponent(fn)) {
        ents.insert(t)
      }
      if let file = f.file, let t = TextTokens.normalize(Self.stem(Self.basename(file))) {
        ents.insert(t)
      }
    }
    for t in templateTokens where t.count == 3 && Int(t) != nil { ents.insert(t) }
    docTokens = TextTokens.set(doc.joined(separator: "\n"))
    entities = ents
    switch record["impact"] {
    case .string(let s)?: impact = s.isEmpty ? [] : [s]
    case .array(let a)?: impact = a.compactMap(\.string).filter { !$0.isEmpty }
    default: impact = []
    }
    muted = record["muted"]?.bool ?? false
  }

  /// Matching reads at most this many characters of a text: words past them do not decide a match,
  /// and tokenizing a runaway 10 MB template took most of a run.
  static let matchCharacters = 8192

  static func matchText(_ s: String) -> String {
    s.utf8.count <= matchCharacters ? s : String(s.prefix(matchCharacters))
  }

  static func basename(_ path: String) -> String {
    String(path.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? "")
  }

  /// A file name without its extension.
  static func stem(_ name: String) -> String {
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
    return String(name[..<dot])
  }

  /// `Foo.bar` → `bar`, `pkg.mod:fn` → `fn`.
  static func lastComponent(_ s: String) -> String {
    String(s.split(whereSeparator: { $0 == "." || $0 == ":" }).last ?? Substring(s))
  }
}
