#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SystemDictionary {
    /// Where a dictionary directory was found, and how.
    public struct Location: Hashable, Sendable, CustomStringConvertible {
        /// The directory.
        public var directory: String
        /// How it was found: `--dict`, `$MALMOI_DICT`, `user data directory`, `python mecab_ko_dic`,
        /// or `install prefix`.
        public var origin: String

        /// Creates a location.
        public init(directory: String, origin: String) {
            self.directory = directory
            self.origin = origin
        }

        /// `DIRECTORY (origin)`.
        public var description: String { "\(directory) (\(origin))" }
    }

    /// The setup command printed when no dictionary is found.
    public static let setupHint = """
        install mecab-ko-dic with `Scripts/install-mecab-ko-dic.sh` (downloads the python-mecab-ko-dic wheel \
        with pip and unpacks its dictionary into ${XDG_DATA_HOME:-~/.local/share}/malmoi/mecab-ko-dic), \
        or pass --dict DIR, or set MALMOI_DICT=DIR
        """

    /// The user data directory that `Scripts/install-mecab-ko-dic.sh` installs into:
    /// `${XDG_DATA_HOME:-$HOME/.local/share}/malmoi/mecab-ko-dic`.
    public static func userDataDirectory(environment: [String: String]) -> String? {
        if let data = environment["XDG_DATA_HOME"], !data.isEmpty { return data + "/malmoi/mecab-ko-dic" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.local/share/malmoi/mecab-ko-dic" }
        return nil
    }

    /// Finds the dictionary directory to use, in this order: `explicit` (`--dict`), `$MALMOI_DICT`,
    /// the user data directory (``userDataDirectory(environment:)``), the `mecab_ko_dic` Python package
    /// (`python3 -c 'import mecab_ko_dic; print(mecab_ko_dic.dictionary_path)'`), then
    /// `/usr/local/lib/mecab/dic/mecab-ko-dic` and `/usr/lib/mecab/dic/mecab-ko-dic`.
    ///
    /// An explicit directory or `$MALMOI_DICT` is used as given (a broken one is an error, not skipped);
    /// the others are used when they hold a `sys.dic`. The user data directory is searched before
    /// Python so that the README's setup works without starting a Python interpreter on every run.
    /// - Throws: ``MorphError`` `.dictionaryNotFound` listing the places searched and the setup command.
    public static func locate(explicit: String?, environment: [String: String] = processEnvironment()) throws -> Location {
        if let explicit, !explicit.isEmpty { return Location(directory: explicit, origin: "--dict") }
        if let variable = environment["MALMOI_DICT"], !variable.isEmpty {
            return Location(directory: variable, origin: "$MALMOI_DICT")
        }
        var searched: [String] = []
        if let data = userDataDirectory(environment: environment) {
            if hasSystemDictionary(data) { return Location(directory: data, origin: "user data directory") }
            searched.append(data)
        }
        if let python = pythonDictionaryPath() {
            if hasSystemDictionary(python) { return Location(directory: python, origin: "python mecab_ko_dic") }
            searched.append(python)
        } else {
            searched.append("python3 package mecab_ko_dic")
        }
        for prefix in ["/usr/local/lib/mecab/dic/mecab-ko-dic", "/usr/lib/mecab/dic/mecab-ko-dic"] {
            if hasSystemDictionary(prefix) { return Location(directory: prefix, origin: "install prefix") }
            searched.append(prefix)
        }
        throw MorphError(.dictionaryNotFound,
                         "no mecab-ko-dic dictionary found (searched: --dict, $MALMOI_DICT, \(searched.joined(separator: ", "))); \(setupHint)")
    }

    /// Finds (``locate(explicit:environment:)``) and loads the dictionary.
    /// - Throws: ``MorphError`` when none is found or the one found is broken.
    public static func discover(explicit: String?, environment: [String: String] = processEnvironment()) throws -> SystemDictionary {
        let location = try locate(explicit: explicit, environment: environment)
        return try SystemDictionary(contentsOf: location.directory)
    }

    /// The current process environment.
    public static func processEnvironment() -> [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }

    private static func hasSystemDictionary(_ directory: String) -> Bool {
        access(directory + "/sys.dic", R_OK) == 0
    }

    /// Asks `python3` where the `mecab_ko_dic` package keeps its dictionary; nil when Python or the
    /// package is missing.
    static func pythonDictionaryPath() -> String? {
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { return nil }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
        posix_spawn_file_actions_addclose(&actions, pipeEnds[0])
        let devNull = open("/dev/null", O_WRONLY)
        if devNull >= 0 { posix_spawn_file_actions_adddup2(&actions, devNull, 2) }
        let arguments = ["python3", "-c", "import mecab_ko_dic; print(mecab_ko_dic.dictionary_path)"]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let status = posix_spawnp(&pid, "python3", &actions, nil, &argv, environ)
        close(pipeEnds[1])
        if devNull >= 0 { close(devNull) }
        guard status == 0 else {
            close(pipeEnds[0])
            return nil
        }
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(pipeEnds[0], $0.baseAddress, $0.count) }
            if count > 0 { output.append(contentsOf: buffer[0..<count]) } else if count < 0 && errno == EINTR { continue } else { break }
        }
        close(pipeEnds[0])
        var exitStatus: Int32 = 0
        while waitpid(pid, &exitStatus, 0) < 0 && errno == EINTR {}
        guard exitStatus == 0 else { return nil }
        let path = String(decoding: output, as: UTF8.self).trimmingSpaces().split(separator: "\n").first.map(String.init)
        guard let path, !path.isEmpty else { return nil }
        return path
    }
}
