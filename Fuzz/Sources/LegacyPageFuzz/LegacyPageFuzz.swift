import Foundation
import MastheadCore
import MastheadImport

/// libFuzzer entry point: decode any bytes and recognise them as a saved page (as HTML and as text)
/// and convert them as post HTML; crash if the resulting Markdown renders outside
/// the allowlist or the dry-run JSON is not JSON.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLegacyPage(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    // The bytes as `import page` reads them: UTF-8, mixed, or a declared single-byte encoding.
    let text = PageDecoding.text(from: Data(UnsafeBufferPointer(start: data, count: size)))
    for name in ["page.html", "page.txt"] {
        let page = LegacyPageReader.recognise(text, fileName: name, fallbackZone: .gmt)
        if (try? JSONSerialization.jsonObject(with: Data(page.json.utf8))) == nil { fatalError("The dry run printed something that is not JSON.") }
        if case .success(let article) = page.article(sourceKey: "fuzz", fallbackSection: "News") { check(article.bodyMarkdown) }
    }
    check(HTMLToMarkdown.convert(text, autoParagraphs: true))
    return 0
}

func check(_ markdown: String) {
    let html = MarkdownRenderer.render(markdown).rawValue
    let problems = HTMLAllowlist.violations(in: html)
    if !problems.isEmpty { fatalError("Converted text left the allowlist: \(problems)\nmarkdown: \(markdown.debugDescription)") }
}

/// SwiftPM links an executable's entry point as `<Target>_main`; hand control to
/// libFuzzer's driver from there.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

@_cdecl("LegacyPageFuzz_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzLegacyPage)
}
