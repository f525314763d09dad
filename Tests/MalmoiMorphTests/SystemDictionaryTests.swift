import Foundation
import MalmoiMorph
import Testing

@Suite struct SystemDictionaryTests {
    /// A directory that links to the real dictionary's files except the ones replaced by `files`.
    private func brokenDictionary(_ files: [String: Data]) throws -> String {
        let source = try TestDictionary.dictionary().directory
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("malmoi-dict-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for name in ["sys.dic", "unk.dic", "matrix.bin", "char.bin", "dicrc"] {
            let path = directory + "/" + name
            if let data = files[name] {
                try data.write(to: URL(fileURLWithPath: path))
            } else {
                try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: source + "/" + name)
            }
        }
        return directory
    }

    private func prefix(_ name: String, _ count: Int) throws -> Data {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: try TestDictionary.dictionary().directory + "/" + name))
        defer { try? handle.close() }
        return try handle.read(upToCount: count) ?? Data()
    }

    private func loadError(_ directory: String) -> MorphError? {
        do {
            _ = try SystemDictionary(contentsOf: directory)
            return nil
        } catch {
            return error as? MorphError
        }
    }

    @Test func loadsTheInstalledDictionaryAndReadsItsSettings() throws {
        let dictionary = try TestDictionary.dictionary()
        #expect(dictionary.lexiconSize == 816_283)
        #expect(dictionary.settings.spacePenalties[120] == 6000)
        #expect(dictionary.settings.spacePenalties[100] == 3000)
        #expect(dictionary.settings.bosFeature == "BOS/EOS,*,*,*,*,*,*,*")
        #expect(dictionary.settings.maxGroupingSize == 24)
    }

    @Test(arguments: ["sys.dic", "unk.dic", "matrix.bin", "char.bin"])
    func truncatedFileIsRejectedNamingIt(_ name: String) throws {
        let directory = try brokenDictionary([name: try prefix(name, 1000)])
        let error = try #require(loadError(directory))
        #expect(error.code == .invalidDictionary)
        #expect(error.description.hasPrefix(directory + "/" + name))
        #expect(error.description.contains("truncated"))
    }

    @Test func foreignFileIsRejected() throws {
        let directory = try brokenDictionary(["sys.dic": Data(String(repeating: "not a dictionary\n", count: 100).utf8)])
        let error = try #require(loadError(directory))
        #expect(error.description.contains("sys.dic"))
        #expect(error.description.contains("magic"))
    }

    @Test func wrongVersionIsRejected() throws {
        // A well-formed empty dictionary (header only) whose version is 101.
        var header = Data(count: 72)
        func put(_ value: UInt32, at offset: Int) {
            withUnsafeBytes(of: value.littleEndian) { header.replaceSubrange(offset..<offset + 4, with: $0) }
        }
        put(72 ^ 0xef71_8f77, at: 0)
        put(101, at: 4)
        let directory = try brokenDictionary(["sys.dic": header])
        let error = try #require(loadError(directory))
        #expect(error.description.contains("field \"version\""))
        #expect(error.description.contains("101"))
    }

    @Test func unknownDictionaryInPlaceOfSystemIsRejected() throws {
        let unk = try Data(contentsOf: URL(fileURLWithPath: try TestDictionary.dictionary().directory + "/unk.dic"))
        let directory = try brokenDictionary(["sys.dic": unk])
        let error = try #require(loadError(directory))
        #expect(error.description.contains("field \"type\""))
    }

    @Test func missingFileIsReportedAsUnreadable() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("malmoi-empty-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let error = try #require(loadError(directory))
        #expect(error.code == .unreadableFile)
        #expect(error.description.hasPrefix(directory + "/sys.dic"))
    }

    @Test func discoveryPrefersExplicitThenEnvironmentThenUserData() throws {
        let explicit = try SystemDictionary.locate(explicit: "/x", environment: ["MALMOI_DICT": "/y"])
        #expect(explicit == .init(directory: "/x", origin: "--dict"))
        let variable = try SystemDictionary.locate(explicit: nil, environment: ["MALMOI_DICT": "/y"])
        #expect(variable == .init(directory: "/y", origin: "$MALMOI_DICT"))
        let installed = try TestDictionary.dictionary().directory
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("malmoi-xdg-\(UUID().uuidString)")
        let target = data.appendingPathComponent("malmoi").path
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: target + "/mecab-ko-dic", withDestinationPath: installed)
        let user = try SystemDictionary.locate(explicit: nil, environment: ["XDG_DATA_HOME": data.path])
        #expect(user == .init(directory: target + "/mecab-ko-dic", origin: "user data directory"))
        #expect(SystemDictionary.userDataDirectory(environment: ["HOME": "/home/a"]) == "/home/a/.local/share/malmoi/mecab-ko-dic")
    }
}
