import Foundation
import MastheadCore

/// Checks and prepares the data folder, with one clear sentence when it can't be used.
enum DataFolder {
    /// Makes sure the folder (and its `media/`) exists and is writable. Creates it
    /// only when `create` is set (`--demo`, `migrate`, `demo`); a plain `serve` on a
    /// missing folder is a mistake worth stopping for.
    static func prepare(_ configuration: AppConfiguration, create: Bool) throws {
        let manager = FileManager.default
        let path = configuration.dataDirectory
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw MastheadError(.configuration, "The data folder \(path) is a file, not a folder.") }
        } else {
            guard create else {
                throw MastheadError(
                    .configuration,
                    "The data folder \(path) does not exist; create it with `masthead migrate --data \(path)` or start with `--demo`."
                )
            }
            do {
                try manager.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
            } catch {
                throw MastheadError(.configuration, "The data folder \(path) could not be created: \(error.localizedDescription)", underlying: error)
            }
        }
        guard manager.isReadableFile(atPath: path), manager.isWritableFile(atPath: path), manager.isExecutableFile(atPath: path) else {
            throw MastheadError(.configuration, "The data folder \(path) is not readable and writable by this user.")
        }
        if !manager.fileExists(atPath: configuration.mediaDirectory) {
            try manager.createDirectory(atPath: configuration.mediaDirectory, withIntermediateDirectories: true)
        }
    }
}
