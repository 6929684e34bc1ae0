import Foundation

/// The dry run's JSON, written directly: `JSONSerialization` (its casts and
/// its escaping by string search) took a third of a 2 MB page's time.
enum DryRunJSON {
    indirect enum Value {
        case string(String?)
        case strings([String])
        case object([(String, Value)])
        case objects([[(String, Value)]])
    }

    static func render(_ members: [(String, Value)]) -> String {
        var out = ""
        write(.object(members), indent: 0, into: &out)
        return out
    }

    private static func write(_ value: Value, indent: Int, into out: inout String) {
        let pad = String(repeating: "  ", count: indent)
        switch value {
        case .string(let text):
            if let text { quote(text, into: &out) } else { out += "null" }
        case .strings(let list):
            guard !list.isEmpty else {
                out += "[]"
                return
            }
            out += "[\n"
            for (index, item) in list.enumerated() {
                out += pad + "  "
                quote(item, into: &out)
                out += index == list.count - 1 ? "\n" : ",\n"
            }
            out += pad + "]"
        case .object(let members):
            guard !members.isEmpty else {
                out += "{}"
                return
            }
            out += "{\n"
            let sorted = members.sorted { $0.0 < $1.0 }
            for (index, (key, member)) in sorted.enumerated() {
                out += pad + "  "
                quote(key, into: &out)
                out += " : "
                write(member, indent: indent + 1, into: &out)
                out += index == sorted.count - 1 ? "\n" : ",\n"
            }
            out += pad + "}"
        case .objects(let list):
            guard !list.isEmpty else {
                out += "[]"
                return
            }
            out += "[\n"
            for (index, members) in list.enumerated() {
                out += pad + "  "
                write(.object(members), indent: indent + 1, into: &out)
                out += index == list.count - 1 ? "\n" : ",\n"
            }
            out += pad + "]"
        }
    }

    /// A JSON string: quotes, backslashes and control characters escaped, the rest as is.
    static func quote(_ text: String, into out: inout String) {
        var bytes: [UInt8] = [UInt8(ascii: "\"")]
        bytes.reserveCapacity(text.utf8.count + 2)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20: bytes += Array(String(format: "\\u%04x", Int(byte)).utf8)
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
        out += String(decoding: bytes, as: UTF8.self)
    }
}
