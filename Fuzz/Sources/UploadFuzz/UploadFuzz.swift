import Foundation
import MastheadCore
@_spi(Fuzzing) import MastheadWeb

/// libFuzzer entry point: any bytes as a multipart upload body (under a fixed
/// boundary and one taken from the input), each file part through the image
/// sniffer. Crash if the sniffer accepts a picture beyond its own limits.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzUpload(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let body = Data(UnsafeBufferPointer(start: data, count: size))
    let header = String(decoding: body.prefix(100), as: UTF8.self)
    let boundaries = ["----fuzz", Multipart.boundary(in: "multipart/form-data; " + header)].compactMap { $0 }
    for boundary in boundaries {
        guard let form = try? Multipart(data: body, boundary: boundary) else { continue }
        _ = form.field("csrf")
        for part in form.parts { sniff(Array(part.body.prefix(256 * 1024))) }
    }
    sniff(Array(body))
    return 0
}

func sniff(_ bytes: [UInt8]) {
    guard case .success(let image) = ImageSniffer.sniff(bytes) else { return }
    if image.width <= 0 || image.height <= 0 || image.width > ImageSniffer.maximumSide || image.height > ImageSniffer.maximumSide
        || image.width * image.height > ImageSniffer.maximumPixels
    {
        fatalError("The sniffer accepted an image of \(image.width)×\(image.height).")
    }
}

/// SwiftPM links an executable's entry point as `<Target>_main`; hand control to
/// libFuzzer's driver from there.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

@_cdecl("UploadFuzz_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzUpload)
}
