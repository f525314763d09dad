import MalmoiCore

extension AgreementReport {
    /// The report as JSON (see the type's documentation for the shape). Undefined values are `null`,
    /// never NaN.
    public var jsonValue: JSONValue {
        var object: [(String, JSONValue)] = [
            ("items", .int(items)), ("annotators", .int(annotators)), ("annotations", .int(annotations)),
            ("duplicates", .int(duplicates)), ("single_annotation_items", .int(singleAnnotationItems)),
        ]
        if nullLabels > 0 { object.append(("null_labels", .int(nullLabels))) }
        object.append(("level", .string(levelName)))
        object.append(("metrics", .object(JSONObject(metrics.map { ($0.rawValue, Self.number(values[$0])) }))))
        object.append(("intervals", .object(JSONObject(metrics.compactMap { metric in
            intervals[metric].map { (metric.rawValue, JSONValue.array([.number($0.lower), .number($0.upper)])) }
        }))))
        object.append(("undefined", .object(JSONObject(metrics.compactMap { metric in
            undefined[metric].map { (metric.rawValue, JSONValue.string($0)) }
        }))))
        if !spanSummary.isEmpty {
            object.append(("spans", .object(JSONObject(spanSummary.keys.sorted().map { ($0, .number(spanSummary[$0]!)) }))))
        }
        if let bootstrap {
            object.append(("bootstrap", .object(JSONObject([
                ("resamples", .int(bootstrap.resamples)), ("confidence", .number(bootstrap.confidence)),
                ("seed", .number(Double(bootstrap.seed))), ("unit", .string("item")),
            ]))))
        }
        if !perCategory.isEmpty {
            object.append(("per_category", .object(JSONObject(perCategory.map { category in
                (category.name, JSONValue.object(JSONObject([
                    ("count", .int(category.count)), ("pairable", .int(category.pairableCount)),
                    ("alpha", Self.number(category.alpha)),
                    ("positive_agreement", Self.number(category.positiveAgreement)),
                ])))
            }))))
        }
        if !perAnnotator.isEmpty {
            object.append(("per_annotator", .object(JSONObject(perAnnotator.map { annotator in
                var fields: [(String, JSONValue)] = [
                    ("items", .int(annotator.items)), ("agreement", Self.number(annotator.agreement)),
                    ("mean_cohen_kappa", Self.number(annotator.meanCohenKappa)),
                ]
                if let primaryAlpha {
                    fields.append(("alpha_without", Self.number(annotator.alphaWithout)))
                    fields.append(("alpha_metric", .string(primaryAlpha.rawValue)))
                }
                return (annotator.name, JSONValue.object(JSONObject(fields)))
            }))))
        }
        if let annotatorAgreement {
            var matrix: [(String, JSONValue)] = [
                ("annotators", .array(annotatorAgreement.rows.map { .string($0) })),
                ("agreement", Self.cells(annotatorAgreement)),
            ]
            if let annotatorKappa { matrix.append(("cohen_kappa", Self.cells(annotatorKappa))) }
            if let annotatorSharedItems { matrix.append(("shared_items", Self.cells(annotatorSharedItems))) }
            object.append(("annotator_matrix", .object(JSONObject(matrix))))
        }
        if let coincidence {
            object.append(("coincidence", .object(JSONObject([
                ("categories", .array(coincidence.rows.map { .string($0) })), ("matrix", Self.cells(coincidence)),
            ]))))
        }
        if let confusion {
            object.append(("confusion", .object(JSONObject([
                ("annotators", .array(confusionAnnotators.map { .string($0) })),
                ("categories", .array(confusion.columns.map { .string($0) })), ("matrix", Self.cells(confusion)),
            ]))))
        }
        return .object(JSONObject(object))
    }

    static func number(_ value: Double?) -> JSONValue {
        guard let value, value.isFinite else { return .null }
        return .number(value)
    }

    static func cells(_ matrix: AgreementMatrix) -> JSONValue {
        .array(matrix.cells.map { row in .array(row.map { number($0) }) })
    }
}
