import MalmoiCore
import MalmoiMorph
import MalmoiMorphTask
import MalmoiStore

/// The accepted corrections of a `morph` project, for ``UserDictionaryLearner`` (`malmoi morph-learn --project`).
public enum MorphCorrections {
    /// Every accepted annotation's analysis in a project of kind `morph` as (form, POS) pairs; morphemes
    /// with compound tags, and payloads that are not analyses, are left out.
    public static func analyses(store: any AnnotationStore, project: Project) throws -> [UserDictionaryLearner.Analysis] {
        var analyses: [UserDictionaryLearner.Analysis] = []
        try store.forEachExportItem(in: project, includeAll: false) { exported in
            for entry in exported.annotations {
                guard let analysis = try? MorphAnalysis(json: entry.annotation.payload) else { continue }
                analyses.append(analysis.entries.compactMap { $0.tags.count == 1 ? ($0.form, $0.pos) : nil })
            }
        }
        return analyses
    }
}
