// Runs the per-entry work on several threads and hands the results to the sink in input order.
//
// The reading thread copies pieces of input (array elements, NDJSON lines) into a batch. A full
// batch is split into chunks, one per preparer, that run on Dispatch's worker threads; meanwhile
// the reading thread hands the previous batch's results to the sink (repeats, stitching, writing)
// and reads the next batch. So at most two batches live at once, memory stays bounded, and the
// output is byte-for-byte what one thread writes: every piece is worked out by a pure function and
// the sink sees the results in input order. With one thread there are no batches: each piece is
// worked out where it lies and handed on at once.
import Dispatch
import GardenKit

final class PreparationPipeline {
  /// What the pieces are.
  enum Kind {
    case arrayElement
    case ndjsonLine(requireEnvelope: Bool)
  }

  /// A batch is handed on when it holds this many bytes or pieces.
  static let batchBytes = 1 << 17
  static let batchPieces = 256

  /// Plain values only, so that freeing a batch does not walk its pieces.
  private struct Piece {
    var range: Range<Int>
    var line: Int
    var index: Int
    /// Index in `Batch.rejections` when the reader already rejected the piece (a line over the
    /// size limit), else -1.
    var rejection = -1
  }

  /// Pieces read and not yet handed on; immutable once handed to the workers.
  private final class Batch {
    var bytes: [UInt8] = []
    var pieces: [Piece] = []
    var rejections: [String] = []
  }

  /// What one chunk of a batch turned into.
  private final class ChunkResult {
    var items: [PreparedItem] = []
    var store = LineStore()
  }

  private let kind: Kind
  private let file: String
  private let sink: EventSink
  /// Two sets of preparers, one per batch parity: a batch is handed to the workers before the
  /// previous one is waited for, and a preparer (its scrubbing memo) must never run twice at once.
  private let preparers: [[EntryPreparer]]
  /// The file name for each preparer, each its own copy: every event holds it, and one string
  /// retained and released by all threads at once made its reference count a point of contention.
  private let files: [[String]]
  private var batchNumber = 0
  private var batch = Batch()
  /// Where a one-thread pipeline collects each piece's results.
  private var direct = ChunkResult()
  private var inFlight: (group: DispatchGroup, results: [ChunkResult])?

  /// `threads`: how many chunks a batch is split into (1: everything on the calling thread).
  init(kind: Kind, file: String, sink: EventSink, options: ParseOptions, threads: Int) {
    self.kind = kind
    self.file = file
    self.sink = sink
    let n = max(1, threads)
    preparers = (0..<(n == 1 ? 1 : 2)).map { _ in
      (0..<n).map { _ in EntryPreparer(options: options) }
    }
    files = preparers.map { set in
      set.map { _ in String(decoding: Array(file.utf8), as: UTF8.self) }
    }
  }

  /// One piece of input; `index` counts array elements (unused for lines).
  func add(_ buf: UnsafeBufferPointer<UInt8>, line: Int, index: Int = 0) throws {
    if preparers.count == 1 {
      // One thread: work the piece out in place (no copy into a batch) and hand it on at once.
      if direct.store.bytes.count >= Self.batchBytes { direct = ChunkResult() }
      prepare(
        buf, Piece(range: 0..<buf.count, line: line, index: index), preparers[0][0], files[0][0],
        direct)
      defer { direct.items.removeAll(keepingCapacity: true) }
      for item in direct.items { try sink.consume(item, file: file) }
      return
    }
    let start = batch.bytes.count
    batch.bytes.append(contentsOf: buf)
    batch.pieces.append(Piece(range: start..<batch.bytes.count, line: line, index: index))
    if batch.bytes.count >= Self.batchBytes || batch.pieces.count >= Self.batchPieces {
      try handOn()
    }
  }

  /// A piece the reader rejected itself, kept in its place in the order.
  func reject(line: Int, reason: String) throws {
    if preparers.count == 1 {
      return try sink.consume(.rejected(line: line, reason: reason, text: ""), file: file)
    }
    let at = batch.bytes.count
    batch.pieces.append(
      Piece(range: at..<at, line: line, index: 0, rejection: batch.rejections.count))
    batch.rejections.append(reason)
    if batch.pieces.count >= Self.batchPieces { try handOn() }
  }

  /// Works out everything still waiting and hands it to the sink.
  func finish() throws {
    try handOn()
    try drainInFlight()
  }

  private func handOn() throws {
    guard !batch.pieces.isEmpty else { return }
    let full = batch
    batch = Batch()
    batch.bytes.reserveCapacity(Self.batchBytes + (Self.batchBytes >> 2))
    let set = preparers[batchNumber % preparers.count]
    let names = files[batchNumber % preparers.count]
    batchNumber += 1
    let chunks = Self.split(full.pieces.count, into: set.count)
    let results = chunks.map { _ in ChunkResult() }
    let group = DispatchGroup()
    for (i, chunk) in chunks.enumerated() {
      let preparer = set[i]
      let name = names[i]
      let result = results[i]
      DispatchQueue.global().async(group: group) {
        self.work(full, chunk, preparer, name, result)
      }
    }
    try drainInFlight()  // the previous batch, while this one is worked on
    inFlight = (group, results)
  }

  private func drainInFlight() throws {
    guard let (group, results) = inFlight else { return }
    inFlight = nil
    group.wait()
    try deliver(results)
  }

  private func deliver(_ results: [ChunkResult]) throws {
    for r in results {
      for item in r.items { try sink.consume(item, file: file) }
    }
  }

  /// Works out `range` of `batch`'s pieces. Touches only `preparer` and `result`, which no other
  /// thread uses meanwhile.
  private func work(
    _ batch: Batch, _ range: Range<Int>, _ preparer: EntryPreparer, _ file: String,
    _ result: ChunkResult
  ) {
    result.items.reserveCapacity(range.count)
    batch.bytes.withUnsafeBufferPointer { all in
      for piece in batch.pieces[range] {
        if piece.rejection >= 0 {
          result.items.append(
            .rejected(line: piece.line, reason: batch.rejections[piece.rejection], text: ""))
          continue
        }
        prepare(UnsafeBufferPointer(rebasing: all[piece.range]), piece, preparer, file, result)
      }
    }
  }

  /// Works out one piece held in `buf`.
  private func prepare(
    _ buf: UnsafeBufferPointer<UInt8>, _ piece: Piece, _ preparer: EntryPreparer, _ file: String,
    _ result: ChunkResult
  ) {
    if let bad = UTF8Check.firstInvalid(buf) {
      let (l, c) = JSONError.lineColumn(of: bad, in: buf)
      result.items.append(.invalidUTF8(line: piece.line + l - 1, column: c))
    }
    switch kind {
    case .arrayElement:
      preparer.arrayElement(
        buf, file: file, line: piece.line, index: piece.index, store: result.store,
        into: &result.items)
    case .ndjsonLine(let requireEnvelope):
      preparer.ndjsonLine(
        buf, file: file, line: piece.line, requireEnvelope: requireEnvelope, store: result.store,
        into: &result.items)
    }
  }

  /// `count` pieces in at most `parts` contiguous, nearly equal, non-empty ranges.
  static func split(_ count: Int, into parts: Int) -> [Range<Int>] {
    let n = max(1, min(parts, count))
    return (0..<n).map { i in (count * i / n)..<(count * (i + 1) / n) }
  }
}
