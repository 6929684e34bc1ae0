import MastheadCore

/// libFuzzer entry point: any text as a search box query. Crash if the FTS5
/// expression it becomes is anything but quoted words (with an optional prefix
/// star) joined by AND, or holds more terms than allowed: that expression goes
/// to SQLite's MATCH, where anything else would be query syntax from a reader.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSearchQuery(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let query = SearchQuery(text: text)
    guard let expression = query.matchExpression else { return 0 }
    let parts = expression.components(separatedBy: " AND ")
    if parts.count > SearchQuery.maximumTerms { fatalError("\(parts.count) terms from \(text.debugDescription)") }
    // Read by scalar: FTS5 reads bytes, and a combining mark after a quote or a space
    // would make one `Character` with it.
    for part in parts {
        var scalars = Array(part.unicodeScalars)
        if scalars.last == "*" { scalars.removeLast() }
        guard scalars.count >= 2, scalars.first == "\"", scalars.last == "\"" else { fatalError("Unquoted term \(part.debugDescription)") }
        let inner = scalars.dropFirst().dropLast()
        let allowed = inner.allSatisfy { scalar in
            scalar == " " || scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                || [.nonspacingMark, .spacingMark, .enclosingMark].contains(scalar.properties.generalCategory)
        }
        if inner.isEmpty || !allowed {
            fatalError("Term with syntax in it: \(part.debugDescription) from \(text.debugDescription)")
        }
    }
    return 0
}

/// SwiftPM links an executable's entry point as `<Target>_main`; hand control to
/// libFuzzer's driver from there.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

@_cdecl("SearchQueryFuzz_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzSearchQuery)
}
