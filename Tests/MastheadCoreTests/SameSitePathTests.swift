import MastheadCore
import Testing

@Suite("Same-site redirect targets")
struct SameSitePathTests {
    @Test(arguments: ["/section/politics", "/2026/11/30/a-b", "/?p=1", "/tag/caf%C3%A9"])
    func pathsOfTheSitePass(_ path: String) {
        #expect(SameSitePath.check(path) == path)
    }

    @Test(arguments: [
        "//evil.example", "/\\evil.example", "/\t/evil.example", "/%2Fevil.example", "/%5cevil.example", "https://evil.example",
        "javascript:alert(1)", "evil.example", "", "/a\nb", "/a b", "/a\\b",
    ])
    func everythingElseIsRefused(_ path: String) {
        #expect(SameSitePath.check(path) == nil)
    }
}
