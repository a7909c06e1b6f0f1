// Go panics and Node (V8) stacks: gcp-samples 04 (Cloud Functions gen2 Node, grpc error) and a
// runtime nil-pointer panic as Go prints it.
import GardenKit
import XCTest

@testable import GardenParse

final class TraceParserGoNodeTests: XCTestCase {
  /// A runtime panic with the signal line, a method frame, a `created by` frame and a second goroutine.
  func testGoNilPointerPanic() throws {
    let text = """
      panic: runtime error: invalid memory address or nil pointer dereference
      [signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x6b2f3c]

      goroutine 34 [running]:
      github.com/acme/shop/internal/cart.(*Service).Total(0x0, {0x7d1e40, 0xc0000a2000})
      \t/app/internal/cart/service.go:42 +0x1c
      net/http.HandlerFunc.ServeHTTP(0xc000112000, {0x7d5a18, 0xc0001c2000}, 0xc0001b4000)
      \t/usr/local/go/src/net/http/server.go:2136 +0x29
      created by net/http.(*Server).Serve in goroutine 1
      \t/usr/local/go/src/net/http/server.go:3086 +0x5cb

      goroutine 1 [IO wait]:
      main.main()
      \t/app/main.go:15 +0x85
      """
    let t = try XCTUnwrap(TraceParser.parse(text))
    XCTAssertEqual(t.language, .go)
    XCTAssertEqual(t.errorType, "runtime error")
    XCTAssertEqual(t.errorValue, "invalid memory address or nil pointer dereference")
    XCTAssertEqual(t.frames.count, 3)
    let inner = try XCTUnwrap(t.frames.last)
    XCTAssertEqual(inner.module, "github.com/acme/shop/internal/cart")
    XCTAssertEqual(inner.function, "(*Service).Total")
    XCTAssertEqual(inner.file, "/app/internal/cart/service.go")
    XCTAssertEqual(inner.line, 42)
    XCTAssertTrue(inner.inApp)
    XCTAssertEqual(t.frames.map(\.inApp), [false, false, true])
    XCTAssertEqual(t.frames.first?.function, "(*Server).Serve")
  }

  /// A value panic with a log line before it.
  func testGoValuePanic() throws {
    let text =
      "starting worker\npanic: unexpected state 7\n\ngoroutine 1 [running]:\nmain.step(...)\n\t/src/main.go:9\nmain.main()\n\t/src/main.go:4 +0x18\nexit status 2"
    let t = try XCTUnwrap(TraceParser.parse(text))
    XCTAssertEqual(t.errorType, "panic")
    XCTAssertEqual(t.errorValue, "unexpected state 7")
    XCTAssertEqual(t.messageBeforeTrace, "starting worker")
    XCTAssertEqual(t.frames.map(\.function), ["main", "step"])
    XCTAssertEqual(t.frames.map(\.module), ["main", "main"])
  }

  /// gcp-samples/04: grpc error from node_modules; stops at "for call at"; all library frames.
  func testNodeGrpcErrorFromSample04() throws {
    let text =
      "Error: 5 NOT_FOUND: Queue does not exist. If you just created the queue, wait at least a minute for the queue to initialize.\n    at callErrorFromStatus (/workspace/node_modules/@grpc/grpc-js/build/src/call.js:32:19)\n    at Object.onReceiveStatus (/workspace/node_modules/@grpc/grpc-js/build/src/client.js:193:76)\n    at Object.onReceiveStatus (/workspace/node_modules/@grpc/grpc-js/build/src/client-interceptors.js:361:141)\n    at Object.onReceiveStatus (/workspace/node_modules/@grpc/grpc-js/build/src/client-interceptors.js:324:181)\n    at /workspace/node_modules/@grpc/grpc-js/build/src/resolving-call.js:135:78\n    at process.processTicksAndRejections (node:internal/process/task_queues:85:11)\nfor call at\n    at ServiceClientImpl.makeUnaryRequest (/workspace/node_modules/@grpc/grpc-js/build/src/client.js:161:32)\n"
    let t = try XCTUnwrap(TraceParser.parse(text))
    XCTAssertEqual(t.language, .node)
    XCTAssertEqual(t.errorType, "Error")
    XCTAssertEqual(t.errorValue?.hasPrefix("5 NOT_FOUND: Queue does not exist."), true)
    XCTAssertEqual(t.frames.count, 6)
    let inner = try XCTUnwrap(t.frames.last)
    XCTAssertEqual(inner.function, "callErrorFromStatus")
    XCTAssertEqual(inner.line, 32)
    XCTAssertEqual(inner.column, 19)
    XCTAssertEqual(inner.module, "@grpc/grpc-js")
    XCTAssertEqual(t.frames.first?.file, "node:internal/process/task_queues")
    XCTAssertNil(t.frames[1].function)  // `at /path:line:col`
    XCTAssertFalse(t.frames.contains(where: \.inApp))
  }

  /// App frames, `async`, `new`, a message before the error on the same line.
  func testNodeAppFramesAsyncNew() throws {
    let text = """
      checkout failed: TypeError: cart.items.map is not a function
          at total (/app/src/pricing.js:18:29)
          at new Order (/app/src/order.js:7:18)
          at async handler (/app/src/routes/checkout.js:41:5)
      """
    let t = try XCTUnwrap(TraceParser.parse(text))
    XCTAssertEqual(t.errorType, "TypeError")
    XCTAssertEqual(t.errorValue, "cart.items.map is not a function")
    XCTAssertEqual(t.messageBeforeTrace, "checkout failed:")
    XCTAssertEqual(t.frames.map(\.function), ["handler", "new Order", "total"])
    XCTAssertEqual(t.frames.map(\.module), ["src/routes/checkout", "src/order", "src/pricing"])
    XCTAssertTrue(t.frames.allSatisfy(\.inApp))
  }
}
