import Foundation
import MastheadCore
import MastheadImport

/// libFuzzer entry point: read any bytes as a WordPress export, both passes, and
/// crash if a converted body renders outside the allowlist. Hangs are caught by
/// libFuzzer's `-timeout`; memory by AddressSanitizer and `-rss_limit_mb`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWXR(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let catalogue = try? WXRReader.catalogue(MemoryByteSource(bytes, chunkSize: 97)) else { return 0 }
    let finished = DispatchSemaphore(value: 0)
    Task {
        try? await WXRReader.articles(MemoryByteSource(bytes, chunkSize: 97), catalogue: catalogue, zone: .gmt) { result in
            guard case .success(let article) = result else { return }
            let html = MarkdownRenderer.render(article.bodyMarkdown).rawValue
            let problems = HTMLAllowlist.violations(in: html)
            if !problems.isEmpty { fatalError("A converted body left the allowlist: \(problems)\nbody: \(article.bodyMarkdown.debugDescription)") }
        }
        finished.signal()
    }
    finished.wait()
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

@_cdecl("WXRFuzz_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzWXR)
}
