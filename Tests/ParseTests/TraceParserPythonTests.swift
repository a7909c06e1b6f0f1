// Python tracebacks: real Cloud Run / Cloud Functions payloads (gcp-samples 02, 16), worklog
// excerpts (raw_samples S03, S05, S12, S18), chains, multi-line values, module and in-app rules.
import GardenKit
import XCTest

@testable import GardenParse

final class TraceParserPythonTests: XCTestCase {
  /// gcp-samples/02: gunicorn traceback in one textPayload.
  func testGunicornTracebackFromSample02() throws {
    let text = """
      Traceback (most recent call last):
        File "/usr/local/lib/python3.10/site-packages/gunicorn/workers/gthread.py", line 281, in handle
          keepalive = self.handle_request(req, conn)
        File "/usr/local/lib/python3.10/site-packages/gunicorn/workers/gthread.py", line 333, in handle_request
          respiter = self.wsgi(environ, resp.start_response)
      TypeError: FastAPI.__call__() missing 1 required positional argument: 'send'
      """
    let t = try XCTUnwrap(TraceParser.parse(text))
    XCTAssertEqual(t.language, .python)
    XCTAssertEqual(t.errorType, "TypeError")
    XCTAssertEqual(
      t.errorValue, "FastAPI.__call__() missing 1 required positional argument: 'send'")
    XCTAssertEqual(t.frames.map(\.line), [281, 333])
    XCTAssertEqual(t.frames.last?.function, "handle_request")
    XCTAssertEqual(t.frames.last?.module, "gunicorn.workers.gthread")
    XCTAssertEqual(t.frames.map(\.inApp), [false, false])
    XCTAssertNil(t.rootCause)
    XCTAssertNil(t.messageBeforeTrace)
  }

  /// gcp-samples/16: buildpack site-packages path, four frames, value ending with a period.
  func testParamikoTracebackFromSample16() throws {
    let text =
      "Traceback (most recent call last):\n  File \"/layers/google.python.pip/pip/lib/python3.9/site-packages/paramiko/sftp_file.py\", line 76, in __del__\n    self._close(async_=True)\n  File \"/layers/google.python.pip/pip/lib/python3.9/site-packages/paramiko/sftp_file.py\", line 97, in _close\n    BufferedFile.close(self)\n  File \"/layers/google.python.pip/pip/lib/python3.9/site-packages/paramiko/file.py\", line 85, in close\n    self.flush()\n  File \"/layers/google.python.pip/pip/lib/python3.9/site-packages/paramiko/file.py\", line 93, in flush\n    self._write_all(self._wbuffer.getvalue())\nValueError: I/O operation on closed file."
    let t = try XCTUnwrap(TraceParser.parse(text))
    XCTAssertEqual(t.errorType, "ValueError")
    XCTAssertEqual(t.errorValue, "I/O operation on closed file.")
    XCTAssertEqual(t.frames.map(\.function), ["__del__", "_close", "close", "flush"])
    XCTAssertEqual(t.frames.first?.module, "paramiko.sftp_file")
    XCTAssertFalse(t.frames.contains(where: \.inApp))
  }

  /// raw_samples S18: frames without code lines, app paths in-app, module from `/app/`.
  func testFramesWithoutCodeLinesS18() throws {
    let text = """
      Traceback (most recent call last):
        File "/app/netra_backend/app/core/thread_cleanup_manager.py", line 114, in _thread_cleanup_callback
        File "/app/netra_backend/app/core/thread_cleanup_manager.py", line 287, in _schedule_cleanup
      TypeError: 'NoneType' object is not callable
      """
    let t = try XCTUnwrap(TraceParser.parse(text))
    XCTAssertEqual(t.errorType, "TypeError")
    XCTAssertEqual(t.errorValue, "'NoneType' object is not callable")
    XCTAssertEqual(t.frames.count, 2)
    XCTAssertEqual(t.frames[1].module, "netra_backend.app.core.thread_cleanup_manager")
    XCTAssertEqual(t.frames[1].function, "_schedule_cleanup")
    XCTAssertTrue(t.frames.allSatisfy(\.inApp))
  }

  /// raw_samples S12: cut off after a frame; frames kept, no type invented.
  func testTruncatedTracebackS12() throws {
    let text =
      "Traceback (most recent call last):\n  File \"/usr/local/lib/python3.11/site-packages/gunicorn/arbiter.py\", line 608, in spawn_worker\n    worker.init_process()\n  File \"/usr/local/lib/python3.11/site-packages/gunicorn/workers/gthread.py\", line 134, in init_process"
    let t = try XCTUnwrap(TraceParser.parse(text))
    XCTAssertNil(t.errorType)
    XCTAssertEqual(t.frames.map(\.line), [608, 134])
  }

  /// raw_samples S03: bare `KeyError: '"timestamp"'` in a loguru handler.
  func testBareKeyErrorS03() throws {
    let text = """
      Traceback (most recent call last):
        File "/home/netra/.local/lib/python3.11/site-packages/loguru/_handler.py", line 161, in emit
          formatted = precomputed_format.format_map(formatter_record)
      KeyError: '"timestamp"'
      """
    let t = try XCTUnwrap(TraceParser.parse(text))
    XCTAssertEqual(t.errorType, "KeyError")
    XCTAssertEqual(t.errorValue, "'\"timestamp\"'")
    XCTAssertEqual(t.frames.first?.module, "loguru._handler")
  }

  /// raw_samples S05 shape: headerless, unindented `File` lines with indented code.
  func testHeaderlessFramesS05() throws {
    let text = """
      File "/app/netra_backend/app/main.py", line 37, in <module>
        app = create_app()
      File "/app/netra_backend/app/core/app_factory.py", line 169, in create_app
        _configure_app_routes(app)
      ImportError: cannot import name 'UnifiedWebSocketManager' from 'netra_backend.app.websocket_core.unified_manager'
      """
    let t = try XCTUnwrap(TraceParser.parse(text))
    XCTAssertEqual(t.errorType, "ImportError")
    XCTAssertEqual(t.frames.map(\.function), ["<module>", "create_app"])
    XCTAssertNil(t.messageBeforeTrace)
  }

  /// "During handling…": the last exception is reported with its own frames; the first is the root cause.
  func testChainedDuringHandling() throws {
    let text = """
      Traceback (most recent call last):
        File "/app/app/db.py", line 10, in connect
          sock.connect(addr)
      ConnectionRefusedError: [Errno 111] Connection refused

      During handling of the above exception, another exception occurred:

      Traceback (most recent call last):
        File "/app/app/api.py", line 5, in handler
          db.connect()
        File "/app/app/db.py", line 12, in connect
          raise DatabaseUnavailable("db down")
      app.db.DatabaseUnavailable: db down
      """
    let t = try XCTUnwrap(TraceParser.parse(text))
    XCTAssertEqual(t.errorType, "app.db.DatabaseUnavailable")
    XCTAssertEqual(t.errorValue, "db down")
    XCTAssertEqual(t.frames.map(\.line), [5, 12])
    XCTAssertEqual(
      t.rootCause,
      ParsedTrace.Cause(type: "ConnectionRefusedError", value: "[Errno 111] Connection refused"))
  }

  /// "The above exception was the direct cause…", dotted type, multi-line value, logger.exception line.
  func testDirectCauseDottedTypeMultilineValue() throws {
    let text = """
      Sync failed for tenant 42
      Traceback (most recent call last):
        File "/usr/local/lib/python3.11/site-packages/urllib3/connection.py", line 203, in _new_conn
          sock = connection.create_connection(
      OSError: [Errno 101] Network is unreachable

      The above exception was the direct cause of the following exception:

      Traceback (most recent call last):
        File "/srv/app/sync.py", line 88, in run
          resp = requests.get(url, timeout=5)
      requests.exceptions.ConnectionError: HTTPSConnectionPool(host='api', port=443): Max retries
      exceeded with url: /v1/items
      """
    let t = try XCTUnwrap(TraceParser.parse(text))
    XCTAssertEqual(t.errorType, "requests.exceptions.ConnectionError")
    XCTAssertEqual(
      t.errorValue,
      "HTTPSConnectionPool(host='api', port=443): Max retries\nexceeded with url: /v1/items")
    XCTAssertEqual(t.rootCause?.type, "OSError")
    XCTAssertEqual(t.messageBeforeTrace, "Sync failed for tenant 42")
    XCTAssertEqual(t.frames.count, 1)
    XCTAssertEqual(t.frames[0].module, "app.sync")
    XCTAssertTrue(t.frames[0].inApp)
  }

  /// Bare exception without a value, frozen importlib frames, the logging bridge.
  func testBareTypeFrozenAndLoggingBridge() throws {
    let text = """
      Traceback (most recent call last):
        File "<frozen importlib._bootstrap>", line 1176, in _find_and_load
        File "/usr/local/lib/python3.11/logging/__init__.py", line 1706, in callHandlers
          hdlr.handle(record)
        File "/app/worker.py", line 9, in loop
          time.sleep(1)
      KeyboardInterrupt
      """
    let t = try XCTUnwrap(TraceParser.parse(text))
    XCTAssertEqual(t.errorType, "KeyboardInterrupt")
    XCTAssertNil(t.errorValue)
    XCTAssertEqual(t.frames.map(\.module), ["importlib._bootstrap", "logging", "worker"])
    XCTAssertEqual(t.frames.map(\.inApp), [false, false, true])
    XCTAssertFalse(
      FrameOwnership.python(file: "logging/__init__.py", function: "callHandlers").inApp)
  }

  /// Text that mentions files or errors without a trace is not a trace.
  func testNoTraceInPlainText() {
    XCTAssertNil(TraceParser.parse("File \"config.yaml\" not found"))
    XCTAssertNil(TraceParser.parse("ImportError: cannot import name 'x' from 'y'"))
    XCTAssertNil(TraceParser.parse(""))
    XCTAssertNil(TraceParser.parse("\u{FFFD}\u{FFFD} at \u{0}"))
  }

  /// Deep recursion: frames capped with both ends kept; the exception line still found.
  func testDeepRecursionIsCapped() throws {
    var lines = ["Traceback (most recent call last):"]
    for i in 0..<5_000 {
      lines.append("  File \"/app/rec.py\", line \(i + 1), in f")
      lines.append("    return f(n - 1)")
    }
    lines.append("RecursionError: maximum recursion depth exceeded")
    let t = try XCTUnwrap(TraceParser.parse(lines.joined(separator: "\n")))
    XCTAssertEqual(t.errorType, "RecursionError")
    XCTAssertEqual(t.frames.count, TraceParser.maxFrames)
    XCTAssertEqual(t.omittedFrames, 5_000 - TraceParser.maxFrames)
    XCTAssertEqual(t.frames.first?.line, 1)
    XCTAssertEqual(t.frames.last?.line, 5_000)
  }
}
