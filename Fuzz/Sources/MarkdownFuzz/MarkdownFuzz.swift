import MastheadCore

/// libFuzzer entry point: render any bytes as Markdown and crash if the output
/// leaves the allowlist. Linear-time rendering is checked by libFuzzer's own
/// `-timeout`, which `scripts/fuzz` sets.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarkdown(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let html = MarkdownRenderer.render(text).rawValue
    let problems = HTMLAllowlist.violations(in: html)
    if !problems.isEmpty {
        fatalError("Markdown output left the allowlist: \(problems)\ninput: \(text.debugDescription)\noutput: \(html.debugDescription)")
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

@_cdecl("MarkdownFuzz_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzMarkdown)
}
