// Scrubs ~1M typical log lines (the Loghub dev sets plus GCP-style messages, some carrying a
// secret or personal datum) and prints throughput, best of 3. Built by bench/scrub-bench.sh
// together with the GardenKit sources into one optimized module.
import Foundation

@main
enum ScrubBench {
  static let synthetic = [
    "GET /api/v1/orders/8812 -> 503 in 3.66s",
    "Traceback (most recent call last):\n  File \"/app/main.py\", line 12, in handler\nValueError: bad input",
    "request req_1757896982382_707_8d30f450 completed in 12ms status=200",
    "user jane.doe@example.com logged in from 203.0.113.7",
    "db connect failed: postgres://app:s3cr3t@10.1.2.3:5432/orders timeout after 30s",
    "calling https://api.example.com/v2/items?page=2&access_token=abcdef1234567890 returned 401",
    "Authorization: Bearer abcdefghijklmnopqrstuvwxyz012345 rejected",
    "at com.acme.billing.InvoiceService.render(InvoiceService.java:212)",
    "Container exited with code 137 (OOMKilled) after 2024-01-15T12:00:00.123Z",
    "llm_manager: validation failed for model gemini-1.5-pro: quota exceeded (429)",
  ]

  static func main() {
    let args = CommandLine.arguments
    let dir = args.count > 1 ? args[1] : "../shared/data/loghub-dev"
    let target = args.count > 2 ? Int(args[2]) ?? 1_000_000 : 1_000_000
    var sample: [String] = []
    for name in ["Android", "HDFS", "Linux", "OpenSSH", "Proxifier"] {
      guard
        let text = try? String(
          contentsOfFile: "\(dir)/\(name)/\(name)_2k.log", encoding: .isoLatin1)
      else { continue }
      sample += text.split(whereSeparator: \.isNewline).map(String.init)
    }
    if sample.isEmpty { print("no Loghub files under \(dir); synthetic lines only") }
    sample += synthetic
    var lines: [String] = []
    lines.reserveCapacity(target)
    while lines.count < target { lines.append(sample[lines.count % sample.count]) }
    let bytes = lines.reduce(0) { $0 + $1.utf8.count }

    let scrubber = Scrubber()
    var best = Double.infinity
    var bestCPU = Double.infinity
    var changed = 0
    for _ in 0..<3 {
      let start = DispatchTime.now().uptimeNanoseconds
      let startCPU = cpuSeconds()
      changed = 0
      for line in lines where scrubber.scrub(line).utf8.count != line.utf8.count { changed += 1 }
      best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
      bestCPU = min(bestCPU, cpuSeconds() - startCPU)
    }
    // CPU time is reported too: on a shared machine wall time includes waiting for a core.
    print(
      String(
        format:
          "%d lines, %.1f MB, %d changed; best of 3: wall %.3f s = %.0f MB/s; cpu %.3f s = %.0f MB/s, %.0f ns/line",
        lines.count, Double(bytes) / 1e6, changed, best, Double(bytes) / best / 1e6, bestCPU,
        Double(bytes) / bestCPU / 1e6, bestCPU / Double(lines.count) * 1e9))
  }

  static func cpuSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
  }
}
