import Foundation
import Testing
@testable import MalmoiAbuse

/// Loading and validating the taxonomy and lexicon files.
struct TaxonomyTests {
    @Test func theEmbeddedCopiesMatchTheGuidelineFiles() throws {
        let folder = AbuseFixtures.repository.appendingPathComponent("Guidelines/abuse")
        let taxonomy = try String(contentsOf: folder.appendingPathComponent("taxonomy.json"), encoding: .utf8)
        let lexicon = try String(contentsOf: folder.appendingPathComponent("lexicon.json"), encoding: .utf8)
        #expect(EmbeddedResources.taxonomyJSON == taxonomy.trimmingCharacters(in: .newlines),
                "Guidelines/abuse/taxonomy.json changed: run python3 Guidelines/abuse/embed.py")
        #expect(EmbeddedResources.lexiconJSON == lexicon.trimmingCharacters(in: .newlines),
                "Guidelines/abuse/lexicon.json changed: run python3 Guidelines/abuse/embed.py")
    }

    @Test func everyTechniqueAndCategoryIsDefinedWithExamples() throws {
        let taxonomy = AbuseFixtures.taxonomy
        #expect(Set(taxonomy.techniques.map(\.id)) == Set(EvasionTechnique.allCases.map(\.rawValue)))
        #expect(Set(taxonomy.categories.map(\.id)) == Set(HarmCategory.allCases.map(\.rawValue)))
        #expect(taxonomy.techniques.allSatisfy { !$0.examples.isEmpty && !$0.definition.isEmpty })
        #expect(Set(taxonomy.severities.keys) == [1, 2, 3])
        #expect(Set(taxonomy.datasetMappings.keys).isSuperset(of: ["kmhas", "kold", "beep", "unsmile", "k_haters"]))
    }

    @Test(arguments: [("choseong", "choseong_abbreviation"), ("phonetic", "phonetic_respelling"),
                      ("jamo_decomp", "jamo_decomposition"), ("emoji_sub", "emoji_rebus"), ("spacing", "spacing")])
    func aliasesOfTheEvaluationDataResolve(alias: String, id: String) {
        #expect(AbuseFixtures.taxonomy.resolveTechnique(alias)?.rawValue == id)
    }

    @Test func theTaxonomyExamplesAreUndoneByTheCanonicalizer() {
        // Each technique's examples (written for this project) scan to their canonical word.
        for technique in AbuseFixtures.taxonomy.techniques where technique.id != "invisible_or_width" {
            for example in technique.examples where example.canonical != example.surface {
                let hits = AbuseFixtures.scanner.scan(example.surface).hits
                #expect(hits.contains { $0.canonical == example.canonical },
                        "\(technique.id): \(example.surface) → \(hits.map(\.canonical))")
            }
        }
    }

    @Test func aMissingTechniqueIsRejectedWithItsField() throws {
        let text = EmbeddedResources.taxonomyJSON.replacingOccurrences(of: "\"id\": \"syllable_reorder\"", with: "\"id\": \"syllable_swap\"")
        #expect {
            try Taxonomy(parsing: text, path: "t.json")
        } throws: { error in
            String(describing: error).contains("t.json: field \"axes.technique.labels[19].id\": unknown technique \"syllable_swap\"")
        }
    }

    @Test func aBadSeverityInTheLexiconNamesTheEntry() throws {
        let text = EmbeddedResources.lexiconJSON.replacingOccurrences(of: "\"canonical\": \"존나\", \"category\": \"profanity\", \"severity\": 1",
                                                                    with: "\"canonical\": \"존나\", \"category\": \"profanity\", \"severity\": 4")
        #expect {
            try Lexicon(parsing: text, path: "l.json", taxonomy: AbuseFixtures.taxonomy)
        } throws: { error in
            String(describing: error) == "l.json: field \"entries[1].severity\": must be 1, 2 or 3, found 4"
        }
    }

    @Test func anUnknownCategoryInTheLexiconIsRejected() {
        let text = EmbeddedResources.lexiconJSON.replacingOccurrences(of: "\"category\": \"threat\"", with: "\"category\": \"menace\"")
        #expect(throws: AbuseError.self) { try Lexicon(parsing: text, path: "l.json", taxonomy: AbuseFixtures.taxonomy) }
    }

    @Test func invalidJSONIsReportedWithThePath() {
        #expect {
            try Taxonomy(parsing: "{\"schema_version\": 1,", path: "broken.json")
        } throws: { error in
            (error as? AbuseError)?.isBadInput == true && String(describing: error).hasPrefix("broken.json: not valid JSON")
        }
    }
}
