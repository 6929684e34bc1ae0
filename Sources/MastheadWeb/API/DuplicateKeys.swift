/// Finds a key written twice in one JSON object. Parsers disagree on which copy
/// wins (first, last, error), so a body with both can mean one thing to a proxy
/// or a log and another to us: the API refuses it instead. One pass over the
/// bytes, bounded by the body limit; escapes inside keys are compared as written.
enum DuplicateKeys {
    static func first(in json: [UInt8]) -> String? {
        var objects: [Set<ArraySlice<UInt8>>?] = []  // per open container: keys seen (nil for arrays)
        var i = 0
        var expectKey = false
        while i < json.count {
            let byte = json[i]
            switch byte {
            case UInt8(ascii: "{"):
                objects.append([])
                expectKey = true
            case UInt8(ascii: "["):
                objects.append(nil)
                expectKey = false
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                _ = objects.popLast()
                expectKey = false
            case UInt8(ascii: ","):
                expectKey = objects.last.map { $0 != nil } ?? false
            case UInt8(ascii: "\""):
                let start = i + 1
                i += 1
                while i < json.count, json[i] != UInt8(ascii: "\"") {
                    i += json[i] == UInt8(ascii: "\\") ? 2 : 1
                }
                if expectKey, let last = objects.indices.last, objects[last] != nil {
                    let key = json[start..<min(i, json.count)]
                    if objects[last]!.contains(key) { return String(decoding: key, as: UTF8.self) }
                    objects[last]!.insert(key)
                    expectKey = false
                }
            default:
                break
            }
            i += 1
        }
        return nil
    }
}
