// The in-memory JSON value used by every stage. Numbers keep their original text so that a value read
// and written again is byte-identical, and objects keep their key order (the stream contract promises
// stable bytes, and Foundation's dictionaries would reorder keys).

import Foundation

/// A JSON value. Numbers are kept as their literal text (`"1.50"` stays `1.50`).
public enum JSONValue: Equatable, Sendable {
  case null
  case bool(Bool)
  case number(String)
  case string(String)
  case array([JSONValue])
  case object(JSONObject)

  /// The string, when this is a string.
  @inlinable public var string: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  /// The object, when this is an object.
  @inlinable public var object: JSONObject? {
    if case .object(let o) = self { return o }
    return nil
  }

  /// The elements, when this is an array.
  @inlinable public var array: [JSONValue]? {
    if case .array(let a) = self { return a }
    return nil
  }

  /// The boolean, when this is a boolean.
  @inlinable public var bool: Bool? {
    if case .bool(let b) = self { return b }
    return nil
  }

  /// An integer from a number, or from a string holding one (Cloud Logging writes int64 as strings).
  public var int: Int? {
    switch self {
    case .number(let text):
      return Int(text) ?? Double(text).flatMap { $0.isFinite && abs($0) < 9e18 ? Int($0) : nil }
    case .string(let text): return Int(text.trimmingCharacters(in: .whitespaces))
    default: return nil
    }
  }

  /// A double from a number, or from a string holding one.
  public var double: Double? {
    switch self {
    case .number(let text): return Double(text)
    case .string(let text): return Double(text)
    default: return nil
    }
  }

  /// Text of a scalar: strings as they are, numbers as written, booleans as `true`/`false`.
  public var scalarText: String? {
    switch self {
    case .string(let s): return s
    case .number(let n): return n
    case .bool(let b): return b ? "true" : "false"
    default: return nil
    }
  }

  /// Member lookup on objects; `nil` for other kinds or missing keys.
  @inlinable public subscript(key: String) -> JSONValue? {
    if case .object(let o) = self { return o[key] }
    return nil
  }

  /// A number value from an integer.
  public static func int(_ value: Int) -> JSONValue { .number(String(value)) }
  /// A number value from a double, written in the shortest form that reads back the same.
  public static func double(_ value: Double) -> JSONValue {
    guard value.isFinite else { return .null }
    if value == value.rounded(), abs(value) < 1e15 { return .number(String(Int(value))) }
    return .number("\(value)")
  }
  /// A string value, or null when nil.
  public static func optional(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
}
