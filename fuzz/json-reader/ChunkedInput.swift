// Deterministic short reads for ByteInput: the bytes are queued as a few messages on a Unix
// SOCK_SEQPACKET socket placed on standard input, and each read(2) returns exactly one message.
// So the framers meet chunk boundaries at chosen places (inside strings, escapes, CRLF pairs)
// without threads or timing. ByteInput(path: "-") is the public way to read a descriptor.
import GardenKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

enum ChunkedInput {
  /// Unix sockets queue at most net.unix.max_dgram_qlen (10 by default) messages.
  static let maxPieces = 8

  /// Up to `maxPieces` non-empty pieces of `bytes`, cut at places derived from the bytes.
  static func pieces(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
    guard bytes.count > 1 else { return bytes.isEmpty ? [] : [bytes[...]] }
    var seed = UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15
    for b in bytes.prefix(8) { seed = (seed ^ UInt64(b)) &* 0x100_0000_01B3 }
    var cuts: Set<Int> = []
    for _ in 1..<maxPieces {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      cuts.insert(1 + Int((seed >> 33) % UInt64(bytes.count - 1)))
    }
    var out: [ArraySlice<UInt8>] = []
    var start = 0
    for cut in cuts.sorted() {
      out.append(bytes[start..<cut])
      start = cut
    }
    out.append(bytes[start...])
    return out
  }

  /// Runs `body` with a ByteInput that reads `bytes` from standard input in `pieces(bytes)`.
  /// Returns nil when the socket cannot hold the input (then the check is skipped, not failed).
  static func withInput<T>(_ bytes: [UInt8], _ body: (ByteInput) -> T) -> T? {
    var sv: [Int32] = [-1, -1]
    guard socketpair(AF_UNIX, Int32(SOCK_SEQPACKET.rawValue), 0, &sv) == 0 else { return nil }
    defer { close(sv[0]) }
    var size: Int32 = 8 << 20
    if setsockopt(sv[0], SOL_SOCKET, SO_SNDBUFFORCE, &size, 4) != 0 {
      _ = setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &size, 4)
    }
    for piece in pieces(bytes) {
      let n = piece.withUnsafeBufferPointer {
        send(sv[0], $0.baseAddress, $0.count, Int32(MSG_DONTWAIT))
      }
      if n != piece.count {
        close(sv[1])
        return nil
      }
    }
    shutdown(sv[0], Int32(SHUT_WR))  // the reader sees end of input after the last message
    let savedStdin = dup(0)
    guard savedStdin >= 0, dup2(sv[1], 0) == 0 else {
      close(sv[1])
      return nil
    }
    close(sv[1])
    defer {
      dup2(savedStdin, 0)
      close(savedStdin)
    }
    do {
      return body(try ByteInput(path: "-"))
    } catch {
      finding("ByteInput(path: \"-\") failed on a socket: \(error)")
    }
  }
}
