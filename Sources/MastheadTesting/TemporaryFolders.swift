import Foundation

/// Every file and folder a test run makes lives under one folder per test process,
/// removed when the process exits: runs used to leave a data folder per test in
/// the temporary directory, gigabytes on a machine that runs the suite often.
public enum TemporaryFolders {
    /// `<tmp>/masthead-tests-<pid>`, created on first use; removed at exit.
    public static let root: String = {
        let root = processRoot()
        try? FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        // A C function pointer cannot capture, so the exit handler works the path out again.
        atexit { try? FileManager.default.removeItem(atPath: TemporaryFolders.processRoot()) }
        return root
    }()

    /// A path that does not exist yet, under `root`, named for what it holds.
    public static func path(_ purpose: String, extension pathExtension: String = "") -> String {
        root + "/" + purpose + "-" + UUID().uuidString + (pathExtension.isEmpty ? "" : "." + pathExtension)
    }

    /// A new, empty folder under `root`.
    public static func folder(_ purpose: String) throws -> String {
        let folder = path(purpose)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    private static func processRoot() -> String {
        NSTemporaryDirectory() + "masthead-tests-\(getpid())"
    }
}
