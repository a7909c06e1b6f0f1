// Java traces: gcp-samples 06 (GKE, key `e`) and 13 (Cloud Functions gen1 `stacktrace`), plus
// `Caused by:` with `... N more`, Native Method / Unknown Source, logback suffixes.
import GardenKit
import XCTest

@testable import GardenParse

final class TraceParserJVMTests: XCTestCase {
  /// gcp-samples/06 (first frames and the last, verbatim): NPE with JPMS module prefixes.
  func testNullPointerFromSample06() throws {
    let text =
      "java.lang.NullPointerException: Cannot invoke \"String.toLowerCase(java.util.Locale)\" because the return value of \"java.net.URI.getHost()\" is null\n\tat com.acme.reactor.utils.PermalinkUtils.sanitizeUrl(PermalinkUtils.java:17)\n\tat com.acme.reactor.nlp.LinksExtractor.handleUrl(LinksExtractor.java:52)\n\tat com.acme.reactor.nlp.LinksExtractor.lambda$extractConversationLinks$0(LinksExtractor.java:30)\n\tat java.base/java.util.stream.ForEachOps$ForEachOp$OfRef.accept(ForEachOps.java:183)\n\tat jdk.internal.reflect.GeneratedMethodAccessor167.invoke(Unknown Source)\n\tat org.springframework.kafka.listener.adapter.HandlerAdapter.invoke(HandlerAdapter.java:56)\n\tat java.base/java.lang.Thread.run(Thread.java:831)\n"
    let t = try XCTUnwrap(TraceParser.parse(text))
    XCTAssertEqual(t.language, .java)
    XCTAssertEqual(t.errorType, "java.lang.NullPointerException")
    XCTAssertEqual(
      t.errorValue,
      "Cannot invoke \"String.toLowerCase(java.util.Locale)\" because the return value of \"java.net.URI.getHost()\" is null"
    )
    XCTAssertEqual(t.frames.count, 7)
    let inner = try XCTUnwrap(t.frames.last)
    XCTAssertEqual(inner.function, "sanitizeUrl")
    XCTAssertEqual(inner.module, "com.acme.reactor.utils.PermalinkUtils")
    XCTAssertEqual(inner.file, "PermalinkUtils.java")
    XCTAssertEqual(inner.line, 17)
    XCTAssertTrue(inner.inApp)
    XCTAssertEqual(t.frames.first?.module, "java.lang.Thread")  // `java.base/` stripped
    let reflect = try XCTUnwrap(t.frames.first { $0.function == "invoke" && $0.file == nil })
    XCTAssertNil(reflect.line)
    XCTAssertFalse(reflect.inApp)
    XCTAssertEqual(t.frames.filter(\.inApp).count, 3)
  }

  /// gcp-samples/13: `IndexOutOfBoundsException: null` thrown from the function.
  func testIndexOutOfBoundsFromSample13() throws {
    let text =
      "java.lang.IndexOutOfBoundsException: null\n\tat tobias.function.Function.throwEx(Function.java:40)\n\tat tobias.function.Function.service(Function.java:28)\n\tat com.google.cloud.functions.invoker.NewHttpFunctionExecutor.service(NewHttpFunctionExecutor.java:67)\n\tat javax.servlet.http.HttpServlet.service(HttpServlet.java:790)\n\tat org.eclipse.jetty.servlet.ServletHolder.handle(ServletHolder.java:755)\n\tat java.base/java.lang.Thread.run(Thread.java:834)\n"
    let t = try XCTUnwrap(TraceParser.parse(text))
    XCTAssertEqual(t.errorType, "java.lang.IndexOutOfBoundsException")
    XCTAssertEqual(t.errorValue, "null")
    XCTAssertEqual(t.frames.suffix(2).map(\.function), ["service", "throwEx"])
    XCTAssertEqual(t.frames.map(\.inApp), [false, false, false, false, true, true])
  }

  /// `Caused by:` chain: outermost type reported, innermost cause as root cause, frames of the
  /// root cause with the shared `... N more` frames restored, innermost last.
  func testCausedByChainWithMore() throws {
    let text = """
      2024-05-14 09:20:44.381 ERROR [main] c.a.Checkout - request failed
      org.springframework.web.util.NestedServletException: Request processing failed; nested exception is java.lang.IllegalStateException: cart empty
      \tat org.springframework.web.servlet.FrameworkServlet.processRequest(FrameworkServlet.java:1014)
      \tat javax.servlet.http.HttpServlet.service(HttpServlet.java:750)
      \tat java.lang.Thread.run(Thread.java:829)
      Caused by: java.lang.IllegalStateException: cart empty
      \tat com.acme.shop.Cart.total(Cart.java:88) ~[app.jar:1.0]
      \tat com.acme.shop.CheckoutController.checkout(CheckoutController.java:41)
      \tat sun.reflect.NativeMethodAccessorImpl.invoke0(Native Method)
      \t... 2 more
      """
    let t = try XCTUnwrap(TraceParser.parse(text))
    XCTAssertEqual(t.errorType, "org.springframework.web.util.NestedServletException")
    XCTAssertEqual(
      t.rootCause, ParsedTrace.Cause(type: "java.lang.IllegalStateException", value: "cart empty"))
    XCTAssertEqual(
      t.messageBeforeTrace, "2024-05-14 09:20:44.381 ERROR [main] c.a.Checkout - request failed")
    XCTAssertEqual(
      t.frames.map(\.function), ["run", "service", "invoke0", "checkout", "total"])
    XCTAssertEqual(t.frames.last?.line, 88)
    XCTAssertEqual(t.frames.last?.file, "Cart.java")
    XCTAssertNil(t.frames[2].file)  // Native Method
    XCTAssertEqual(t.frames.map(\.inApp), [false, false, false, true, true])
  }

  /// `Exception in thread "main"` prefix; Suppressed blocks do not replace the cause.
  func testExceptionInThreadAndSuppressed() throws {
    let text = """
      Exception in thread "main" java.io.UncheckedIOException: write failed
      \tat com.acme.Main.main(Main.java:7)
      \tSuppressed: java.io.IOException: close failed
      \t\tat com.acme.Res.close(Res.java:3)
      \t\t... 1 more
      """
    let t = try XCTUnwrap(TraceParser.parse(text))
    XCTAssertEqual(t.errorType, "java.io.UncheckedIOException")
    XCTAssertNil(t.rootCause)
    XCTAssertEqual(t.frames.map(\.function), ["main"])
  }
}

final class TraceLineNumberTests: XCTestCase {
  /// Found by fuzzing: `Function.java:-41` gave a frame with line -41.
  func testSignedLineNumbersAreNotLineNumbers() {
    let text = "java.lang.IllegalStateException: x\n\tat a.B.c(B.java:-41)\n\tat a.B.d(B.java:28)"
    let t = TraceParser.parse(text)
    XCTAssertFalse((t?.frames ?? []).contains { ($0.line ?? 0) < 0 })
    XCTAssertEqual(TraceLine.number("41"), 41)
    XCTAssertNil(TraceLine.number("-41"))
    XCTAssertNil(TraceLine.number("+7"))
    XCTAssertNil(TraceLine.number("1234567890"))
  }
}
