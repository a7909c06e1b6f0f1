// Which frames are the application's own, and the module each belongs to. Library, runtime and
// framework frames are kept (they tell the story) but flagged so grouping can skip them.
import Foundation

/// Module names and in-app flags per language; best effort from paths and qualified names.
enum FrameOwnership {
  /// Path roots under which containers usually put the application (stripped for the module).
  static let appRoots = [
    "/usr/src/app/", "/opt/app/", "/workspace/", "/srv/", "/app/", "/code/", "./",
  ]

  /// Python: module from the file path and whether it is the application's.
  /// `…/site-packages/gunicorn/arbiter.py` → `gunicorn.arbiter` (library),
  /// `/app/netra_backend/app/smd.py` → `netra_backend.app.smd`, `<frozen importlib._bootstrap>`.
  static func python(file: String, function: String?) -> (module: String?, inApp: Bool) {
    if file.utf8.starts(with: "<".utf8) {
      let inner = file.dropFirst().prefix { $0 != ">" }
      let module = inner.utf8.starts(with: "frozen ".utf8) ? String(inner.dropFirst(7)) : nil
      return (module, false)
    }
    let path = file.replacingBackslashes()
    var relative: Substring = Substring(path)
    var library = false
    // Byte searches: this runs for every Python frame, and Foundation's range(of:) was a hot spot.
    for marker in ["/site-packages/", "/dist-packages/"] {
      if let end = ByteSearch.lastEnd(of: marker, in: path) {
        relative = path[end...]
        library = true
        break
      }
    }
    if !library, let end = ByteSearch.firstEnd(of: "/lib/python", in: path) {
      // Standard library: `/usr/local/lib/python3.11/logging/__init__.py` → `logging`.
      let after = path[end...]
      if let slash = after.utf8.firstIndex(of: UInt8(ascii: "/")) {
        relative = after[after.utf8.index(after: slash)...]
      }
      library = true
    }
    if !library {
      if let root = appRoots.first(where: { path.utf8.starts(with: $0.utf8) }) {
        relative = relative.dropFirst(root.count)
      } else if path.utf8.starts(with: "/".utf8) {
        relative = Substring(path.split(separator: "/").last ?? "")
      }
    }
    var module =
      ByteSearch.hasSuffix(relative, ".py") ? String(relative.dropLast(3)) : String(relative)
    if module.utf8.contains(UInt8(ascii: "/")) {
      module = module.split(separator: "/").joined(separator: ".")
    }
    if ByteSearch.hasSuffix(module, ".__init__") { module = String(module.dropLast(9)) }
    // The stdlib logging bridge (`logging/__init__.py` in `callHandlers`/`handle`) is never the origin.
    let bridge = ByteSearch.hasSuffix(path, "logging/__init__.py")
    return (module.isEmpty ? nil : module, !library && !bridge)
  }

  /// Java (also Kotlin, Scala): packages of the JDK and of common frameworks and servers.
  static let javaLibraryPrefixes = [
    "java.", "javax.", "jakarta.", "sun.", "com.sun.", "jdk.", "kotlin.", "kotlinx.", "scala.",
    "org.springframework.", "org.eclipse.jetty.", "org.apache.", "io.netty.", "reactor.",
    "io.grpc.", "com.google.cloud.functions.invoker.", "com.google.api.", "org.hibernate.",
    "io.micronaut.", "io.quarkus.", "io.vertx.", "akka.", "org.glassfish.", "com.fasterxml.",
    "okhttp3.", "com.zaxxer.", "org.junit.",
  ]

  /// True when the qualified class is the application's.
  static func javaInApp(className: String) -> Bool {
    !javaLibraryPrefixes.contains { className.utf8.starts(with: $0.utf8) }
  }

  /// Go standard-library top-level packages (first path element without a dot).
  static let goStdlib: Set<String> = [
    "runtime", "net", "sync", "internal", "reflect", "syscall", "os", "io", "fmt", "encoding",
    "crypto", "testing", "database", "context", "bufio", "bytes", "strings", "strconv", "time",
    "log", "errors", "math", "sort", "html", "text", "mime", "path", "regexp", "unicode",
    "compress", "archive", "container", "hash", "image", "plugin", "embed", "debug", "go", "iter",
    "slices", "maps", "cmp", "unsafe", "expvar", "flag", "index",
  ]

  /// Go: the package of a qualified function and whether it is the application's.
  /// `github.com/org/repo/pkg.(*T).M` → (`github.com/org/repo/pkg`, `(*T).M`).
  static func goSplit(_ qualified: String) -> (package: String, function: String) {
    let lastSlash = qualified.lastIndex(of: "/")
    let tailStart = lastSlash.map { qualified.index(after: $0) } ?? qualified.startIndex
    guard let dot = qualified[tailStart...].firstIndex(of: ".") else {
      return ("runtime", qualified)  // builtins such as `panic(...)` have no package
    }
    return (String(qualified[..<dot]), String(qualified[qualified.index(after: dot)...]))
  }

  /// True when a Go frame is the application's: not GOROOT, not the module cache, not stdlib.
  static func goInApp(package: String, file: String?) -> Bool {
    let libraryPaths = ["/pkg/mod/", "/usr/local/go/", "/usr/lib/go", "/src/runtime/"]
    if let f = file, libraryPaths.contains(where: { f.contains($0) }) { return false }
    let top = package.split(separator: "/").first.map(String.init) ?? package
    return !(goStdlib.contains(top) && package != "main")
  }

  /// Node: module (the file, app root and extension removed; the package for node_modules)
  /// and whether it is the application's.
  static func node(file: String?) -> (module: String?, inApp: Bool) {
    guard var f = file else { return (nil, false) }
    if f.utf8.starts(with: "file://".utf8) { f = String(f.dropFirst(7)) }
    if f.utf8.starts(with: "node:".utf8) || f.utf8.starts(with: "internal/".utf8)
      || f == "<anonymous>" || f == "native"
    {
      return (f, false)
    }
    if let r = f.range(of: "/node_modules/", options: .backwards) {
      let parts = f[r.upperBound...].split(separator: "/")
      let name =
        parts.first?.hasPrefix("@") == true
        ? parts.prefix(2).joined(separator: "/") : parts.first.map(String.init)
      return (name, false)
    }
    var relative = Substring(f)
    if let root = appRoots.first(where: { f.utf8.starts(with: $0.utf8) }) {
      relative = relative.dropFirst(root.count)
    }
    if let dot = relative.lastIndex(of: "."), !relative[dot...].contains("/") {
      relative = relative[..<dot]
    }
    return (relative.isEmpty ? nil : String(relative), true)
  }
}

extension String {
  /// Windows paths use backslashes; the ownership rules are written for slashes.
  fileprivate func replacingBackslashes() -> String {
    utf8.contains(UInt8(ascii: "\\"))
      ? split(separator: "\\", omittingEmptySubsequences: false).joined(separator: "/") : self
  }
}
