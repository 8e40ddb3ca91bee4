import Foundation
import Yams

/// The sheets' words in every language Convene prints in, read from one labels file per
/// language, `templates/labels/LANG.yaml`, beside the print templates (so `CONVENE_HOME` and
/// `make install` find them as they find the templates).
///
/// Every file is checked against the same keys (those English has): a missing label, a label
/// the sheets do not use, a phrase without its `{placeholder}`, or a plural form the language
/// does not have is a problem at its line, and that language cannot be printed until it is
/// fixed. Other languages are not affected.
public struct LabelCatalog: Sendable {
    /// The folder of the labels files.
    public let folder: String
    private let entries: [SheetLanguage: Result<SheetWords, Problems>]

    struct Problems: Error, Sendable { var all: [TemplateProblem] }

    /// Reads every language's file in `folder`.
    public init(folder: String) {
        self.folder = folder
        var entries: [SheetLanguage: Result<SheetWords, Problems>] = [:]
        for language in SheetLanguage.allCases {
            entries[language] = LabelFile(path: "\(folder)/\(language.rawValue).yaml", language: language).read()
        }
        // Until a language is reviewed, its sheets say so in it and in English.
        let english = (try? entries[.en]?.get())?.reviewNotice
        for (language, entry) in entries {
            guard case .success(var words) = entry else { continue }
            words.labels.direction = language.format.rightToLeft ? "rtl" : "ltr"
            words.labels.listSeparator = language.format.listSeparator
            words.labels.dateTimeSeparator = language.format.dateTimeSeparator
            words.labels.pageDigits = language.format.digits == "۰۱۲۳۴۵۶۷۸۹" ? "persian" : "decimal"
            (words.labels.startSide, words.labels.endSide) = language.format.rightToLeft ? ("right", "left") : ("left", "right")
            if !words.reviewed {
                words.labels.reviewNotice = [words.reviewNotice] + (language == .en ? [] : [english].compactMap { $0 })
            }
            entries[language] = .success(words)
        }
        self.entries = entries
    }

    /// The path of a language's labels file.
    public func path(of language: SheetLanguage) -> String {
        "\(folder)/\(language.rawValue).yaml"
    }

    /// The words of `language`, or the first problem of its file.
    public func words(_ language: SheetLanguage) throws(TemplateProblem) -> SheetWords {
        switch entries[language] {
        case .success(let words)?: return words
        case .failure(let problems)?: throw problems.all.first ?? TemplateProblem(file: path(of: language), message: "the labels cannot be read")
        case nil: throw TemplateProblem(file: path(of: language), message: "the labels cannot be read")
        }
    }

    /// Every problem of the files of `languages` (all of them by default), in file order.
    public func problems(of languages: [SheetLanguage] = SheetLanguage.allCases) -> [TemplateProblem] {
        languages.flatMap { language -> [TemplateProblem] in
            if case .failure(let problems)? = entries[language] { return problems.all }
            return []
        }
    }

    /// The languages whose labels a native speaker has not yet reviewed (`reviewed: false`).
    public var unreviewed: [SheetLanguage] {
        SheetLanguage.allCases.filter { (try? entries[$0]?.get())?.reviewed == false }
    }

    /// Where the shipped labels are: `labels/` beside the print templates.
    public static func shippedFolder(environment: [String: String], executablePath: String) -> String? {
        SheetRenderer.shippedFolder(environment: environment, executablePath: executablePath).map {
            URL(fileURLWithPath: $0).deletingLastPathComponent().appendingPathComponent("labels").path
        }
    }

    /// The labels this process prints with: the shipped ones, found as the templates are;
    /// `nil` when there is no such folder. Read once, on first use.
    public static let shipped: LabelCatalog? = {
        let executable = Bundle.main.executablePath ?? CommandLine.arguments.first ?? ""
        guard let folder = shippedFolder(environment: ProcessInfo.processInfo.environment, executablePath: executable),
              FileManager.default.fileExists(atPath: folder) else { return nil }
        return LabelCatalog(folder: folder)
    }()
}
