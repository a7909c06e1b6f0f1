// Input shapes and bad input: truncated arrays, YAML, empty and binary files, malformed NDJSON,
// Pub/Sub envelopes, API responses, --check.
import Foundation
import GardenKit
import XCTest

@testable import GardenParse

final class InputFormatTests: XCTestCase {
  typealias T = ParseTestSupport

  func entry(
    _ id: String, _ text: String, ts: String = "2024-05-01T12:00:00Z", severity: String? = nil
  ) -> String {
    var o = JSONObject([
      "insertId": .string(id), "logName": .string("projects/p/logs/run.googleapis.com%2Fstdout"),
      "timestamp": .string(ts), "textPayload": .string(text),
      "resource": .object(
        JSONObject([
          "type": .string("cloud_run_revision"),
          "labels": .object(JSONObject(["service_name": .string("api")])),
        ])),
    ])
    if let severity { o["severity"] = .string(severity) }
    return JSONWriter.string(.object(o))
  }

  func testTruncatedArrayKeepsCompleteEntriesAndExits3() throws {
    let full =
      "[\n  " + entry("a", "one") + ",\n  " + entry("b", "two") + ",\n  " + entry("c", "three")
      + "\n]\n"
    let cut = String(full.prefix(full.count - 30))
    let run = try T.run([T.file("cut.json", cut)])
    XCTAssertEqual(run.status, .partial)
    XCTAssertEqual(run.events.map { $0["message"]?.string }, ["one", "two"])
    XCTAssertEqual(run.events.map { $0["src"]?["index"]?.int }, [0, 1])
    XCTAssertEqual(run.events.map { $0["src"]?["line"]?.int }, [2, 3])
    XCTAssertEqual(run.meta?["complete"], .bool(false))
    XCTAssertTrue(run.meta?["warnings"]?.array?.first?.string?.contains("truncated") ?? false)
  }

  func testFiftyMegabyteSingleLineArrayIsReadEntryByEntry() throws {
    // `jq -c .` of an export: the whole array on one line, here with one 50 MB message.
    let big = String(repeating: "x", count: 50 << 20)
    let line = "[" + entry("a", "one") + "," + entry("b", big) + "," + entry("c", "three") + "]"
    let run = try T.run([T.file("one-line.json", line)])
    XCTAssertEqual(run.status, .ok)
    XCTAssertEqual(run.events.count, 3)
    XCTAssertEqual(run.events.map { $0["src"]?["line"]?.int }, [1, 1, 1])
    XCTAssertEqual(run.events.first?["message"]?.string, "one")
    let kept = run.events.dropFirst().first?["message"]?.string ?? ""
    XCTAssertTrue(kept.hasPrefix("xxxx"))
    XCTAssertLessThan(kept.utf8.count, 1 << 20, "the message is capped, not 50 MB")
    XCTAssertEqual(run.events.last?["message"]?.string, "three")
  }

  func testAnArrayEntryOverTheLimitIsRejectedAndReadingGoesOn() throws {
    let big = String(repeating: "y", count: 65 << 20)
    let text =
      "[\n" + entry("a", "one") + ",\n" + entry("b", big) + ",\n" + entry("c", "three") + "\n]\n"
    for threads in ["1", "2"] {
      let run = try T.run(["--threads", threads, T.file("huge-entry.json", text)])
      XCTAssertEqual(run.status, .rejected)
      XCTAssertEqual(run.events.compactMap { $0["message"]?.string }, ["one", "three"])
      XCTAssertEqual(run.count("rejected"), 1)
      XCTAssertEqual(run.count("entries_in"), 3)
      XCTAssertTrue(
        run.messages.contains {
          $0.contains(
            "entry 2 of \(big.utf8.count + entry("b", "").utf8.count) bytes is longer than the 64 MiB limit"
          )
        }, "\(run.messages)")
    }
  }

  func testAnOversizedMessageSaysHowLongItWas() throws {
    let long = String(repeating: "x", count: 2_000_000) + "\n"
    let path = T.file("long.txt", long)
    // `lines` holds the whole line: the note gives its exact length.
    let lines = try T.run(["--format", "lines", path])
    let whole = try XCTUnwrap(lines.events.first?["message"]?.string)
    XCTAssertTrue(whole.hasSuffix("…[cut at 256 KiB of 2000000 bytes]"), String(whole.suffix(60)))
    // `text` caps an event while assembling it, so only a minimum is known: it must not claim
    // the capped length as the total.
    let text = try T.run(["--format", "text", path])
    let capped = try XCTUnwrap(text.events.first?["message"]?.string)
    XCTAssertTrue(capped.contains("…[cut at 256 KiB of over "), String(capped.suffix(60)))
    XCTAssertLessThan(capped.utf8.count, 300_000)
  }

  func testEmptyArrayIsSuccessWithNoEvents() throws {
    let run = try T.run([T.file("empty-array.json", "[]\n")])
    XCTAssertEqual(run.status, .ok)
    XCTAssertEqual(run.events.count, 0)
    XCTAssertEqual(run.meta?["complete"], .bool(true))
  }

  func testEmptyFileIsReportedAsPartial() throws {
    let run = try T.run([T.file("empty.json", "")])
    XCTAssertEqual(run.status, .partial)
    XCTAssertEqual(run.meta?["complete"], .bool(false))
    XCTAssertTrue(run.messages.contains { $0.contains("is empty") })
  }

  func testYAMLIsRefusedWithAHint() throws {
    let yaml = "---\ninsertId: abc\nlogName: projects/p/logs/stderr\ntextPayload: boom\n"
    let run = try T.run([T.file("gcloud.yaml", yaml)])
    XCTAssertEqual(run.status, .dataError)
    XCTAssertTrue(run.messages.contains { $0.contains("--format=json") })
    let run2 = try T.run([T.file("gcloud2.yaml", "insertId: abc\n")])
    XCTAssertEqual(run2.status, .dataError)
  }

  func testBinaryGarbageIsRefusedButLinesModeReadsIt() throws {
    var bytes: [UInt8] = []
    for i in 0..<4000 { bytes.append(UInt8(truncatingIfNeeded: i * 7919 % 251)) }
    let path = T.file("garbage.bin", bytes)
    XCTAssertEqual(try T.run([path]).status, .dataError)
    let lines = try T.run(["--format", "lines", path])
    XCTAssertEqual(lines.status, .ok)
    XCTAssertGreaterThan(lines.events.count, 0)
  }

  func testUTF16ExportIsRefusedWithAHint() throws {
    let text = "[\n  " + entry("a", "one") + "\n]\n"
    let le: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    let noBOM: [UInt8] = text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    for (name, bytes) in [("utf16le.json", le), ("utf16-nobom.json", noBOM)] {
      let run = try T.run([T.file(name, bytes)])
      XCTAssertEqual(run.status, .dataError, name)
      XCTAssertTrue(run.messages.contains { $0.contains("UTF-16") && $0.contains("iconv") }, name)
    }
    XCTAssertFalse(FormatSniffer.looksUTF16(Array(text.utf8)))
  }

  func testMalformedNDJSONLinesAreRejectedWithTheirLineNumbers() throws {
    let text =
      entry("a", "one") + "\n{\"insertId\": \"b\", oops}\n\n" + entry("c", "three") + "\n[1]\n"
    let rejects = T.scratch.appendingPathComponent("rejects.ndjson").path
    let run = try T.run(["--rejects", rejects, T.file("bad.ndjson", text)])
    XCTAssertEqual(run.status, .rejected)
    XCTAssertEqual(run.events.map { $0["src"]?["line"]?.int }, [1, 4])
    XCTAssertEqual(run.count("rejected"), 2)
    XCTAssertTrue(
      run.messages.contains {
        $0.hasSuffix("bad.ndjson:2: not valid JSON: expected a string key, found 'o' at column 19")
      }, "\(run.messages)")
    XCTAssertTrue(
      run.messages.contains { $0.contains("bad.ndjson:5: an entry must be a JSON object") })
    let saved = try String(contentsOfFile: rejects, encoding: .utf8).split(separator: "\n")
    XCTAssertEqual(saved.count, 2)
    let first = try JSONReader.parse(String(saved[0])).object
    XCTAssertEqual(first?["line"]?.int, 2)
    XCTAssertEqual(first?["text"]?.string, "{\"insertId\": \"b\", oops}")
    // Counts reconcile.
    XCTAssertEqual(run.count("entries_in"), 4)
  }

  /// A file of bad lines must not flood stderr: the first 20 are named, the rest are counted on
  /// one line, and every one is still in --rejects and in the meta count.
  func testManyRejectedLinesAreCappedOnStderrButAllKept() throws {
    let text =
      (1...100).map { "{\"insertId\": \"\($0)\", oops}" }.joined(separator: "\n") + "\n"
      + entry("z", "last") + "\n"
    let rejects = T.scratch.appendingPathComponent("rejects-many.ndjson").path
    let run = try T.run(["--rejects", rejects, T.file("many-bad.ndjson", text)])
    XCTAssertEqual(run.status, .rejected)
    XCTAssertEqual(run.events.count, 1)
    XCTAssertEqual(run.count("rejected"), 100)
    let named = run.messages.filter { $0.contains("many-bad.ndjson:") }
    XCTAssertEqual(named.count, RecordSource.rejectsShown, "\(run.messages)")
    XCTAssertTrue(named.last?.contains("many-bad.ndjson:20: ") == true, "\(named)")
    XCTAssertTrue(
      run.messages.contains { $0.hasPrefix("80 more rejected lines not shown (100 in all") },
      "\(run.messages)")
    let saved = try String(contentsOfFile: rejects, encoding: .utf8).split(separator: "\n")
    XCTAssertEqual(saved.count, 100)
  }

  /// NDJSON whose first line is broken is still NDJSON: line 1 is rejected, the rest are kept.
  /// (It was read as one pretty-printed document, reported as truncated, and lines 2-3 were lost.)
  func testNDJSONWithABrokenFirstLineKeepsTheLinesAfterIt() throws {
    let text = "{\"broken\n" + entry("b", "two") + "\n" + entry("c", "three") + "\n"
    let run = try T.run([T.file("broken-first.ndjson", text)])
    XCTAssertEqual(run.status, .rejected)
    XCTAssertEqual(run.events.map { $0["src"]?["line"]?.int }, [2, 3])
    XCTAssertEqual(run.count("rejected"), 1)
    XCTAssertEqual(run.count("entries_in"), 3)
    XCTAssertTrue(
      run.messages.contains { $0.contains("broken-first.ndjson:1: ") }, "\(run.messages)")
    // A pretty-printed document is still one document.
    let pretty = "{\n  \"insertId\": \"d\",\n  \"textPayload\": \"four\"\n}\n"
    let doc = try T.run([T.file("pretty.json", pretty)])
    XCTAssertEqual(doc.status, .ok)
    XCTAssertEqual(doc.events.count, 1)
  }

  func testInvalidUTF8IsKeptAsReplacementCharacters() throws {
    var bytes = Array("{\"textPayload\":\"caf".utf8)
    bytes += [0xE9, 0xFF]
    bytes += Array(" ok\"}\n".utf8)
    let run = try T.run([T.file("latin1.ndjson", bytes)])
    XCTAssertEqual(run.status, .ok)
    XCTAssertEqual(run.events.first?["message"]?.string, "caf\u{FFFD}\u{FFFD} ok")
    // Not silent: counted, and the first place named.
    XCTAssertEqual(run.count("invalid_utf8"), 1)
    XCTAssertTrue(
      run.messages.contains {
        $0 == "warning: bytes that are not UTF-8 at column 20 were read as U+FFFD"
      }, "\(run.messages)")
  }

  func testInvalidUTF8IsCountedInEveryFormat() throws {
    let bad: [UInt8] = [0xC3, 0x28]  // a lead byte without its continuation
    func entry(_ id: String, _ text: [UInt8]) -> [UInt8] {
      Array("  {\n    \"insertId\": \"\(id)\",\n    \"textPayload\": \"".utf8) + text
        + Array("\"\n  }".utf8)
    }
    let array =
      Array("[\n".utf8) + entry("a", Array("fine".utf8)) + Array(",\n".utf8)
      + entry("b", Array("x".utf8) + bad) + Array(",\n".utf8) + entry("c", bad)
      + Array("\n]\n".utf8)
    let path = T.file("bad-utf8.json", array)
    for threads in ["1", "2"] {
      let run = try T.run(["--threads", threads, path])
      XCTAssertEqual(run.status, .ok)
      XCTAssertEqual(run.events.count, 3)
      XCTAssertEqual(run.count("invalid_utf8"), 2, "threads \(threads)")
      XCTAssertTrue(
        run.messages.contains {
          $0 == "warning: bytes that are not UTF-8 at column 22 were read as U+FFFD"
        },
        "\(run.messages)")
    }
    let text = Array("2024-05-01T12:00:00Z ERROR boom ".utf8) + bad + Array("\nplain line\n".utf8)
    let textPath = T.file("bad-utf8.log", text)
    for format in ["text", "lines"] {
      let run = try T.run(["--format", format, textPath])
      XCTAssertEqual(run.count("invalid_utf8"), 1, format)
      XCTAssertTrue(
        run.messages.contains {
          $0 == "warning: bytes that are not UTF-8 at column 33 were read as U+FFFD"
        },
        "\(format): \(run.messages)")
    }
    let document = Array("{\n  \"textPayload\": \"".utf8) + bad + Array("\"\n}\n".utf8)
    let doc = try T.run([T.file("bad-utf8-doc.json", document)])
    XCTAssertEqual(doc.events.count, 1)
    XCTAssertEqual(doc.count("invalid_utf8"), 1)
    let clean = try T.run(["--format", "lines", T.file("clean.log", "caf\u{E9} 💥 ok\n")])
    XCTAssertEqual(clean.count("invalid_utf8"), 0, "valid multibyte text is not flagged")
  }

  func testPubSubPushEnvelopeIsDecoded() throws {
    let inner = entry("p1", "from pubsub", severity: "ERROR")
    let data = Data(inner.utf8).base64EncodedString()
    let push =
      "{\"message\":{\"data\":\"\(data)\",\"attributes\":{\"logging.googleapis.com/timestamp\":\"2024-05-01T12:00:00Z\"},\"messageId\":\"1\"},\"subscription\":\"projects/p/subscriptions/s\"}"
    let pull =
      "{\"receivedMessages\":[{\"ackId\":\"x\",\"message\":{\"data\":\"\(data.replacingOccurrences(of: "=", with: ""))\",\"messageId\":\"2\"}}]}"
    let notBase64 = "{\"message\":{\"data\":\"%%%\",\"messageId\":\"3\"}}"
    let run = try T.run([T.file("push.ndjson", push + "\n" + pull + "\n" + notBase64 + "\n")])
    XCTAssertEqual(run.status, .rejected)
    XCTAssertEqual(run.events.count, 1, "the pull copy is a duplicate of the push copy")
    XCTAssertEqual(run.count("duplicates"), 1)
    XCTAssertEqual(run.events.first?["message"]?.string, "from pubsub")
    XCTAssertEqual(run.events.first?["severity"]?.string, "ERROR")
    XCTAssertEqual(run.events.first?["service"]?.string, "api")
    XCTAssertTrue(
      run.messages.contains {
        $0.contains("push.ndjson:3: Pub/Sub message \"data\" is not valid base64")
      })
  }

  func testAPIResponsePagesAreRead() throws {
    let p1 = try T.sharedFile(
      "data/gcp-samples/synthetic/entries_list_api_response_page1_input.json")
    let p2 = try T.sharedFile(
      "data/gcp-samples/synthetic/entries_list_api_response_page2_input.json")
    let gcloud = try T.sharedFile(
      "data/gcp-samples/synthetic/gcloud_format_json_from_fake_api.json")
    let api = try T.run([p1, p2])
    let arr = try T.run([gcloud])
    XCTAssertEqual(api.status, .ok)
    XCTAssertEqual(arr.status, .ok)
    XCTAssertGreaterThan(api.events.count, 1)
    // The same entries through the API and through gcloud give the same events (apart from src).
    func strip(_ e: JSONObject) -> JSONObject {
      var e = e
      e["src"] = nil
      return e
    }
    XCTAssertEqual(
      Set(api.events.map { JSONWriter.string(.object(strip($0))) }).count, api.events.count)
    XCTAssertEqual(api.events.count, arr.events.count)
    XCTAssertEqual(api.events.map { $0["id"]?.string }, arr.events.map { $0["id"]?.string })
    XCTAssertEqual(api.meta?["sources"]?.array?.count, 2)
  }

  func testCheckReportsWellFormedAndTheFirstError() throws {
    let good = T.file("good.json", "[\n  {\"a\": 1}\n]\n")
    let nd = T.file("good.ndjson", "{\"a\":1}\n{\"b\":2}\n")
    let bad = T.file("bad.json", "[\n  {\"a\": 1},\n  {\"b\" 2}\n]\n")
    XCTAssertEqual(
      SyntaxCheck.check(Array("[\n  {\"a\": 1}\n]\n".utf8)), .json("a JSON array of 1 entry"))
    XCTAssertEqual(SyntaxCheck.check(Array("{\"a\":1}\n{\"b\":2}\n".utf8)), .ndjson(2))
    XCTAssertEqual(
      SyntaxCheck.check(Array("[\n  {\"a\": 1},\n  {\"b\" 2}\n]\n".utf8)),
      .error(line: 3, column: 8, reason: "expected ':' after an object key"))
    XCTAssertEqual(
      SyntaxCheck.check(Array("{\"a\":1}\n{\"b\":}\n".utf8)),
      .error(line: 2, column: 6, reason: "unexpected character '}', expected a value"))
    XCTAssertEqual(try T.run(["--check", good, nd], expectJSON: false).status, .ok)
    XCTAssertEqual(try T.run(["--check", good, bad], expectJSON: false).status, .dataError)
  }

  func testMissingFileAmongSeveralIsNoInputAndTheOthersAreRead() throws {
    let good = T.file("present.ndjson", entry("a", "one") + "\n")
    let gone = T.scratch.appendingPathComponent("does-not-exist.json").path
    let run = try T.run([gone, good])
    XCTAssertEqual(run.status, .noInput)
    XCTAssertEqual(run.events.map { $0["message"]?.string }, ["one"])
    XCTAssertEqual(run.meta?["complete"], .bool(false))
    XCTAssertTrue(
      run.meta?["warnings"]?.array?.contains { $0.string?.contains("does-not-exist") ?? false }
        ?? false)
    // An unusable input beside it still wins: 65.
    let yaml = T.file("beside.yaml", "---\ninsertId: abc\n")
    XCTAssertEqual(try T.run([gone, yaml, good]).status, .dataError)
  }

  func testCheckReadsTheBytesAsTheyAre() throws {
    // Cut inside a string, no newline at the end: the cut is named, no invented line break.
    let cut = try T.run(["--check", T.file("cut-string.json", "[{\"a\":\"abc")], expectJSON: false)
    XCTAssertEqual(cut.status, .dataError)
    XCTAssertTrue(cut.stdout.contains(":1:7: not well-formed: unterminated string"), cut.stdout)
    XCTAssertTrue(cut.stdout.contains("cut off?"), cut.stdout)
    let open = try T.run(["--check", T.file("cut-object.json", "[{\"a\":1")], expectJSON: false)
    XCTAssertTrue(
      open.stdout.contains(":1:8: not well-formed: unexpected end of input"), open.stdout)
    let crlf = try T.run(
      ["--check", T.file("crlf.ndjson", "{\"a\":1}\r\n{\"b\":2}\r\n")], expectJSON: false)
    XCTAssertEqual(crlf.status, .ok)
    XCTAssertTrue(crlf.stdout.contains("ok: NDJSON, 2 lines\n"), crlf.stdout)
    let bad = try T.run(
      [
        "--check",
        T.file("latin1.ndjson", Array("{\"a\":1}\n{\"b\":\"".utf8) + [0xE9] + Array("\"}\n".utf8)),
      ],
      expectJSON: false)
    XCTAssertEqual(bad.status, .ok, "well-formed JSON; the bytes are only not UTF-8")
    XCTAssertTrue(bad.stdout.contains("note: invalid UTF-8 at 2:7"), bad.stdout)
  }

  func testCheckNamesUTF16AndYAML() throws {
    let utf16: [UInt8] = [0xFF, 0xFE] + Array("[{\"a\":1}]".utf8).flatMap { [$0, UInt8(0)] }
    let wide = try T.run(["--check", T.file("wide.json", utf16)], expectJSON: false)
    XCTAssertEqual(wide.status, .dataError)
    XCTAssertTrue(wide.stdout.contains("not well-formed"), wide.stdout)
    XCTAssertTrue(wide.stdout.contains("UTF-16, not UTF-8: convert it with iconv"), wide.stdout)
    let yaml = try T.run(
      ["--check", T.file("default.yaml", "---\ninsertId: abc\nseverity: ERROR\n")],
      expectJSON: false)
    XCTAssertEqual(yaml.status, .dataError)
    XCTAssertTrue(yaml.stdout.contains("looks like YAML, gcloud's default output"), yaml.stdout)
    let plain = try T.run(["--check", T.file("plain.json", "[1,]")], expectJSON: false)
    XCTAssertFalse(plain.stdout.contains("("), "no hint when nothing points to a cause")
  }

  func testSniffing() throws {
    func sniff(_ s: String) throws -> FormatSniffer.Verdict {
      try FormatSniffer.sniff(ByteInput(name: "x", bytes: Array(s.utf8)))
    }
    XCTAssertEqual(try sniff("  [\n"), .format(.json))
    XCTAssertEqual(try sniff("{\"a\":1}\n{\"a\":2}\n"), .format(.ndjson))
    XCTAssertEqual(try sniff("{\n  \"a\": 1\n}\n"), .format(.document))
    XCTAssertEqual(try sniff("---\nx: 1\n"), .yaml)
    XCTAssertEqual(try sniff("2024-05-01 ERROR something\n"), .format(.text))
    XCTAssertEqual(try sniff("Error: not yaml\n"), .format(.text))
    XCTAssertEqual(try sniff(" \n\t"), .empty)
  }
}
