import Foundation
import MastheadCore
@_spi(Fuzzing) import MastheadWeb

/// libFuzzer entry point: any bytes as a multipart upload body (under a fixed
/// boundary and one taken from the input), each file part through the image
/// sniffer and the metadata stripper (the no-libvips path). Crash if the sniffer
/// accepts a picture beyond its own limits, or if stripping changes what the
/// sniffer sees or is not idempotent.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzUpload(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let body = Data(UnsafeBufferPointer(start: data, count: size))
    let header = String(decoding: body.prefix(100), as: UTF8.self)
    let boundaries = ["----fuzz", Multipart.boundary(in: "multipart/form-data; " + header)].compactMap { $0 }
    for boundary in boundaries {
        guard let form = try? Multipart(data: body, boundary: boundary) else { continue }
        _ = form.field("csrf")
        for part in form.parts { sniff(Array(part.body)) }
    }
    sniff(Array(body))
    _ = ImageSniffer.heif(Array(body))
    return 0
}

func sniff(_ bytes: [UInt8]) {
    guard case .success(let image) = ImageSniffer.sniff(bytes) else { return }
    if image.width <= 0 || image.height <= 0 || image.width > ImageSniffer.maximumSide || image.height > ImageSniffer.maximumSide
        || image.width * image.height > ImageSniffer.maximumPixels
    {
        fatalError("The sniffer accepted an image of \(image.width)×\(image.height).")
    }
    guard let stripped = try? MetadataStripper.strip(Data(bytes), kind: image.kind) else { return }
    guard case .success(let after) = ImageSniffer.sniff(Array(stripped)), after == image else {
        fatalError("Stripping metadata changed what the sniffer sees in a \(image.kind) of \(image.width)×\(image.height).")
    }
    guard (try? MetadataStripper.strip(stripped, kind: image.kind)) == stripped else {
        fatalError("Stripping a \(image.kind) twice gave a different file.")
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
