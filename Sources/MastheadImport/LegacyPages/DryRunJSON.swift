import Foundation

/// The dry run's JSON, written directly: `JSONSerialization` (its casts and
/// its escaping by string search) took a third of a 2 MB page's time.
enum DryRunJSON {
    indirect enum Value {
        case string(String?)
        case array([Value])
        case object([(String, Value)])

        static func strings(_ list: [String]) -> Value { .array(list.map { .string($0) }) }
    }

    static func render(_ members: [(String, Value)]) -> String {
        var out = ""
        write(.object(members), indent: 0, into: &out)
        return out
    }

    private static func write(_ value: Value, indent: Int, into out: inout String) {
        let pad = String(repeating: "  ", count: indent)
        // Members of an object print as `"key" : value`, in key order; items of an array as the value alone.
        let items: [(key: String?, value: Value)]
        let brackets: (String, String)
        switch value {
        case .string(let text):
            if let text { quote(text, into: &out) } else { out += "null" }
            return
        case .array(let list):
            items = list.map { (nil, $0) }
            brackets = ("[", "]")
        case .object(let members):
            items = members.sorted { $0.0 < $1.0 }.map { ($0.0, $0.1) }
            brackets = ("{", "}")
        }
        guard !items.isEmpty else {
            out += brackets.0 + brackets.1
            return
        }
        out += brackets.0 + "\n"
        for (index, item) in items.enumerated() {
            out += pad + "  "
            if let key = item.key {
                quote(key, into: &out)
                out += " : "
            }
            write(item.value, indent: indent + 1, into: &out)
            out += index == items.count - 1 ? "\n" : ",\n"
        }
        out += pad + brackets.1
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
