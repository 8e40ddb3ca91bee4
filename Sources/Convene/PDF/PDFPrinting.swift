import Foundation

/// What printing sheets to PDF needs besides the sheets: the engine, the folder it may work
/// in (beside the outputs), and the date the PDFs carry.
public struct PDFPrinting: Sendable {
    /// The browser that prints.
    public var engine: PDFEngine
    /// The folder in which each run of the engine makes its private working folder.
    public var folder: String
    /// `SOURCE_DATE_EPOCH`: the PDFs' creation date; nil leaves them undated, so the same
    /// sheet is the same bytes at every build.
    public var epoch: Int64?

    /// Printing with `engine`, working in `folder`, dating the PDFs `epoch` (nil: undated).
    public init(engine: PDFEngine, folder: String, epoch: Int64?) {
        self.engine = engine
        self.folder = folder
        self.epoch = epoch
    }

    /// The PDF of one HTML sheet.
    public func print(_ html: String, paper: Paper) throws(PDFError) -> Data {
        try engine.print(html, paper: paper, workingIn: folder, epoch: epoch)
    }

    /// The PDFs of several HTML sheets, in their order, printed a few at a time (each by a
    /// browser of its own). Throws the first sheet's error, after every run has ended.
    public func print(_ sheets: [String], paper: Paper) throws(PDFError) -> [Data] {
        let results = Results(count: sheets.count)
        DispatchQueue.concurrentPerform(iterations: sheets.count) { index in
            let result: Result<Data, PDFError>
            do throws(PDFError) {
                result = .success(try print(sheets[index], paper: paper))
            } catch {
                result = .failure(error)
            }
            results.set(index, result)
        }
        var pdfs: [Data] = []
        for result in results.all {
            switch result {
            case .success(let data): pdfs.append(data)
            case .failure(let error): throw error
            case nil: throw .failed("a sheet was not printed")
            }
        }
        return pdfs
    }

    /// The results of the runs, each set once by its own thread.
    private final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var results: [Result<Data, PDFError>?]

        init(count: Int) { results = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ result: Result<Data, PDFError>) {
            lock.withLock { results[index] = result }
        }

        var all: [Result<Data, PDFError>?] { lock.withLock { results } }
    }
}
