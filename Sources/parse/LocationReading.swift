// Where the log call was made: the entry's `sourceLocation`, the structured-logging key the agent did
// not promote, Error Reporting's `reportLocation`, or `jsonPayload.labels.{module,function,line}`.
// The stdlib logging bridge (`logging/__init__.py` in `callHandlers`) is where every Python record
// passes, not where it was written, so it is not a location.
import GardenKit

enum LocationReading {
  static func location(
    sourceLocation: JSONObject?, jsonPayload: JSONObject?, protoPayload: JSONObject?
  ) -> CodeLocation? {
    var candidates: [CodeLocation?] = [sourceLocation.flatMap(read)]
    if let p = jsonPayload {
      candidates.append(p["logging.googleapis.com/sourceLocation"]?.object.flatMap(read))
      candidates.append(p["sourceLocation"]?.object.flatMap(read))
      if let r = p["context"]?["reportLocation"]?.object {
        candidates.append(
          meaningful(
            CodeLocation(
              file: r.firstString("filePath"), line: HTTPReading.integer(r["lineNumber"]),
              function: r.firstString("functionName"))))
      }
      if let l = p["labels"]?.object {
        candidates.append(
          meaningful(
            CodeLocation(
              file: l.firstString("module", "file"), line: HTTPReading.integer(l["line"]),
              function: l.firstString("function", "funcName"))))
      }
    }
    // App Engine request logs: the first app log line that says where it came from.
    if let lines = protoPayload?["line"]?.array {
      for line in lines {
        if let sl = line["sourceLocation"]?.object, let loc = read(sl) {
          candidates.append(loc)
          break
        }
      }
    }
    for case let c? in candidates where !isLoggingBridge(c) { return c }
    return nil
  }

  private static func read(_ o: JSONObject) -> CodeLocation? {
    meaningful(
      CodeLocation(
        file: o.firstString("file", "filePath"),
        line: HTTPReading.integer(o["line"] ?? o["lineNumber"]),
        function: o.firstString("function", "functionName")))
  }

  private static func meaningful(_ c: CodeLocation) -> CodeLocation? {
    c.file == nil && c.function == nil ? nil : c
  }

  static func isLoggingBridge(_ c: CodeLocation) -> Bool {
    guard let file = c.file else { return false }
    return ByteSearch.hasSuffix(file, "logging/__init__.py")
      && (c.function == nil || c.function == "callHandlers" || c.function == "handle"
        || c.function == "emit")
  }
}
