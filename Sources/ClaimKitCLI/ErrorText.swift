import Foundation

/// Errors as the command line prints them: one readable line, never a
/// Foundation dump (`Error Domain=NSCocoaErrorDomain Code=516 … UserInfo={…}`).
package enum ErrorText {
    /// One line for `error`: for a Foundation file error (Cocoa or POSIX
    /// domain) the path it names and the system's reason (strerror); for any
    /// other error its description, lines joined.
    /// `path: false` leaves the path out (for a message that names it already).
    package static func describe(_ error: Error, path: Bool = true) -> String {
        if let error = error as? POSIXError { return reason(errno: error.code.rawValue) }
        let ns = error as NSError
        switch ns.domain {
        case NSCocoaErrorDomain:
            return path ? withPath(ns, cocoaReason(ns)) : cocoaReason(ns)
        case NSPOSIXErrorDomain:
            let text = reason(errno: Int32(truncatingIfNeeded: ns.code))
            return path ? withPath(ns, text) : text
        default:
            return String(describing: error).split(whereSeparator: \.isNewline).joined(separator: " ")
        }
    }

    /// strerror(`code`), as the system words it ("No space left on device").
    static func reason(errno code: Int32) -> String {
        String(cString: strerror(code))
    }

    /// "PATH: reason" when the error names a file, else the reason.
    private static func withPath(_ error: NSError, _ reason: String) -> String {
        let path = error.userInfo[NSFilePathErrorKey] as? String ?? (error.userInfo[NSURLErrorKey] as? URL)?.path
        return path.map { "\($0): \(reason)" } ?? reason
    }

    /// The reason of a Cocoa file error: the underlying POSIX error's strerror,
    /// else a description the thrower wrote, else the code in words.
    private static func cocoaReason(_ error: NSError) -> String {
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return reason(errno: Int32(truncatingIfNeeded: underlying.code))
        }
        if let written = error.userInfo[NSLocalizedDescriptionKey] as? String {
            return written.split(whereSeparator: \.isNewline).joined(separator: " ")
        }
        switch CocoaError.Code(rawValue: error.code) {
        case .fileNoSuchFile, .fileReadNoSuchFile: return reason(errno: ENOENT)
        case .fileReadNoPermission, .fileWriteNoPermission: return reason(errno: EACCES)
        case .fileWriteFileExists: return reason(errno: EEXIST)
        case .fileWriteOutOfSpace: return reason(errno: ENOSPC)
        case .fileWriteVolumeReadOnly: return reason(errno: EROFS)
        case .fileReadTooLarge: return reason(errno: EFBIG)
        case .fileReadInvalidFileName, .fileWriteInvalidFileName: return "invalid file name"
        case .fileReadCorruptFile: return "the file is not in the expected format"
        case .fileReadInapplicableStringEncoding, .fileWriteInapplicableStringEncoding: return "the text is not in the expected encoding"
        case .fileLocking: return "the file is locked"
        default: return "file error (Cocoa error \(error.code))"
        }
    }
}

extension String {
    /// The text with control characters shown instead of obeyed: `\n`, `\r`,
    /// `\t`, and `\u{1B}` for the others (C0, DEL and C1), so a message that
    /// quotes user input stays one line and cannot move the cursor.
    package var escapingControlCharacters: String {
        guard unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return self }
        var result = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.properties.generalCategory == .control {
                    result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}
