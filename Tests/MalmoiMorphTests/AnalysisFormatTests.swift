import Foundation
import MalmoiCore
import MalmoiMorph
import Testing

@Suite struct AnalysisFormatTests {
    private func format(_ format: AnalysisFormat, _ text: String, nbest: Int = 1) throws -> String {
        let analyzer = try TestDictionary.analyzer()
        var text = text
        return text.withUTF8 { bytes in
            let lattice = Lattice()
            analyzer.build(lattice, utf8: bytes, allPaths: nbest > 1)
            let paths = nbest > 1 ? lattice.nbestPaths(nbest) : [lattice.bestPath]
            var output: [UInt8] = []
            format.append(line: bytes, number: 7, paths: paths, lattice: lattice, analyzer: analyzer, to: &output)
            return String(decoding: output, as: UTF8.self)
        }
    }

    @Test func wakatiSeparatesSurfacesWithATrailingSpaceLikeMeCab() throws {
        #expect(try format(.wakati, "아버지가 방에") == "아버지 가 방 에 \n")
        #expect(try format(.wakati, "") == "\n")
    }

    @Test func mecabNBestPrintsOneBlockPerPath() throws {
        let output = try format(.mecab, "아버지가 방에", nbest: 2)
        #expect(output == """
            아버지\tNNG,*,F,아버지,*,*,*,*
            가\tJKS,*,F,가,*,*,*,*
            방\tNNG,장소,T,방,*,*,*,*
            에\tJKB,*,F,에,*,*,*,*
            EOS
            아버지\tNNG,*,F,아버지,*,*,*,*
            가\tJKS,*,F,가,*,*,*,*
            방에\tNNG,*,F,방에,*,*,*,*
            EOS

            """)
    }

    @Test func jsonlHasScalarOffsetsFeaturesAndSpelledOutMorphemes() throws {
        let line = try format(.jsonl, "😀 \"들어가신다\"")
        #expect(line.hasSuffix("}\n"))
        let value = try JSONValue.parse(String(line.dropLast()))
        #expect(value["schema_version"]?.intValue == 1)
        #expect(value["line"]?.intValue == 7)
        #expect(value["text"]?.stringValue == "😀 \"들어가신다\"")
        let tokens = try #require(value["tokens"]?.arrayValue)
        #expect(tokens.map { $0["surface"]?.stringValue ?? "" } == ["😀", "\"", "들어가", "신다", "\""])
        #expect(tokens.map { $0["start"]?.intValue ?? -1 } == [0, 2, 3, 6, 8])
        #expect(tokens[0]["unknown"]?.boolValue == true)
        #expect(tokens[3]["features"]?.arrayValue?.count == 8)
        let parts = try #require(tokens[3]["morphemes"]?.arrayValue)
        #expect(parts.map { $0["form"]?.stringValue ?? "" } == ["시", "\u{3134}다"])
        #expect(parts.map { $0["pos"]?.stringValue ?? "" } == ["EP", "EC"])
        #expect(tokens[2]["morphemes"] == nil)
    }

    @Test func conlluUsesEojeolsWithPlusJoinedLemmasAndTags() throws {
        let output = try format(.conllu, "아버지가 방에 들어가신다")
        #expect(output == """
            # sent_id = 7
            # text = 아버지가 방에 들어가신다
            1\t아버지가\t아버지+가\tNOUN\tNNG+JKS\t_\t_\t_\t_\t_
            2\t방에\t방+에\tNOUN\tNNG+JKB\t_\t_\t_\t_\t_
            3\t들어가신다\t들어가+시+ㄴ다\tVERB\tVV+EP+EC\t_\t_\t_\t_\t_


            """)
    }

    @Test func compatibilityJamoReplacesConjoiningFinals() {
        #expect(AnalysisFormat.compatibilityJamo("\u{11AB}다") == "ㄴ다")
        #expect(AnalysisFormat.compatibilityJamo("\u{11AF}") == "ㄹ")
        #expect(AnalysisFormat.compatibilityJamo("\u{11C2}") == "ㅎ")
    }
}
